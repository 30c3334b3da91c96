import { resolve } from 'node:path'
import { defineConfig } from 'electron-vite'
import react from '@vitejs/plugin-react'

export default defineConfig({
  main: {
    build: {
      // keytar is an optional dependency (installation goes on where it cannot be compiled); like every
      // dependency, it is loaded from node_modules, never bundled.
      externalizeDeps: { include: ['keytar'] },
      rollupOptions: {
        // The import worker runs in its own thread, so it is its own entry beside index.js.
        input: {
          index: resolve('src/main/index.ts'),
          'import-worker': resolve('src/main/sheets/import-worker.ts')
        }
      }
    }
  },
  preload: {
    build: {
      // A sandboxed preload can require only `electron`: bundle everything else into it.
      externalizeDeps: false,
      rollupOptions: {
        input: { index: resolve('src/preload/index.ts') },
        // A sandboxed preload cannot be an ES module.
        output: { format: 'cjs', entryFileNames: '[name].cjs' }
      }
    }
  },
  renderer: {
    root: resolve('src/renderer'),
    plugins: [react()],
    build: {
      rollupOptions: { input: resolve('src/renderer/index.html') }
    }
  }
})
