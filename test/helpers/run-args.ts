// The flags tests start a batch from the command line with, in-process or in a process of its own.

/** `lote run` of a file of Colombian people, the analyst's authorisation given; `flags` follow. */
export function authorisedRun(file: string, ...flags: string[]): string[] {
  return ['run', file, '--country', 'CO', '--type', 'person', '--i-have-authorization', ...flags]
}
