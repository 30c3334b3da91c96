// The store key tests run with. vitest.config.ts and playwright.config.ts put it in LOTE_STORE_KEY, so every
// Core, lote command and browser host a test starts opens the same encrypted store without a keychain; tests
// that open a store file themselves pass `testStoreKey()`. Tests of the keychain path remove the variable.
import { StoreKey } from '../../src/main/store/store-key'
import { TEST_STORE_KEY_HEX } from './test-store-key-hex'

export { TEST_STORE_KEY_HEX }

export function testStoreKey(): StoreKey {
  return StoreKey.fromHex(process.env.LOTE_STORE_KEY ?? TEST_STORE_KEY_HEX, 'the test key')
}
