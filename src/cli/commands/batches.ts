// `lote batches`: the batches in the results store, newest first.
import { parseArgs } from 'node:util'
import { DATA_FOLDER_HELP, DATA_FOLDER_OPTIONS, openDataFolder } from '../options'
import type { Command } from '../index'

const HELP = `Usage: lote batches [--json] [--data-dir DIR] [--store-key-file FILE]

Lists the batches kept in the data folder with their status and progress.

${DATA_FOLDER_HELP}`

export const run: Command = async (argv, io) => {
  const { values } = parseArgs({
    args: argv,
    options: {
      json: { type: 'boolean' },
      ...DATA_FOLDER_OPTIONS,
      help: { type: 'boolean', short: 'h' }
    },
    strict: true
  })
  if (values.help) {
    io.out(HELP)
    return 0
  }
  const core = await openDataFolder(values, io)
  const { dataDir } = core
  try {
    const batches = core.app.batches.list()
    if (values.json) {
      io.out(JSON.stringify(batches, null, 2))
      return 0
    }
    if (batches.length === 0) {
      io.out(`No batches yet in ${dataDir}. Start one with lote run.`)
      return 0
    }
    io.out(
      [
        'ID'.padEnd(20),
        'STATUS'.padEnd(11),
        'ENGINE'.padEnd(13),
        'CHECK'.padEnd(10),
        'DONE'.padEnd(13),
        'CREATED'.padEnd(20),
        'NAME'
      ].join(' ')
    )
    for (const b of batches) {
      const done = `${b.counts.done + b.counts.failed + b.counts.cancelled}/${b.total}`
      io.out(
        [
          b.id.padEnd(20),
          b.status.padEnd(11),
          b.engine.padEnd(13),
          `${b.country ?? '—'} ${b.type ?? ''}`.padEnd(10),
          done.padEnd(13),
          b.createdAt.slice(0, 19).replace('T', ' ').padEnd(20),
          b.name
        ].join(' ')
      )
    }
    return 0
  } finally {
    await core.close()
  }
}
