// `lote batches`: the batches in the results store, newest first.
import { onDataFolder, readFlags } from '../command'
import { DATA_FOLDER_HELP, DATA_FOLDER_OPTIONS } from '../options'
import type { Command } from '../index'

const HELP = `Usage: lote batches [--json] [--data-dir DIR] [--store-key-file FILE]

Lists the batches kept in the data folder with their status and progress.

${DATA_FOLDER_HELP}`

export const run: Command = async (argv, io) => {
  const flags = readFlags(argv, io, {
    help: HELP,
    options: { json: { type: 'boolean' }, ...DATA_FOLDER_OPTIONS }
  })
  if (!flags) return 0
  return onDataFolder(flags.values, io, async (core) => {
    const { dataDir } = core
    const batches = core.app.batches.list()
    if (flags.values.json) {
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
  })
}
