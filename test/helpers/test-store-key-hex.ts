// The store key every test runs with, as text: vitest and Playwright put it in LOTE_STORE_KEY (their configs
// import this file, which imports nothing, so loading a config does not load the store).
export const TEST_STORE_KEY_HEX = '6c6f74652d746573742d6b65792d6e6f742d666f722d7265616c2d646174612e'
