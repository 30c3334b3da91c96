#!/usr/bin/env node
// The `lote` command. Runs the TypeScript sources through tsx so the repository needs no build step.
import { register } from 'tsx/esm/api'

register()
const { main } = await import('../src/cli/index.ts')
process.exitCode = await main(process.argv.slice(2))
