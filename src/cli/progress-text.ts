// Progress in words, for the lote command: a bar that redraws itself on a terminal, plain lines elsewhere.
import { ENGINE_PHASE_TEXT, type BatchEvent } from '../shared/batch'

type Progress = Extract<BatchEvent, { type: 'progress' }>

function duration(seconds: number): string {
  if (seconds < 60) return `${seconds}s`
  const minutes = Math.floor(seconds / 60)
  if (minutes < 60) return `${minutes}m${String(seconds % 60).padStart(2, '0')}s`
  return `${Math.floor(minutes / 60)}h${String(minutes % 60).padStart(2, '0')}m`
}

/** "2026-11-28 14:05 UTC" */
function minute(iso: string): string {
  return `${iso.slice(0, 16).replace('T', ' ')} UTC`
}

function details(event: Progress): string {
  const c = event.counts
  const parts = [`${event.finished}/${event.total} done`]
  if (c.running + c.creating > 0) parts.push(`${c.running + c.creating} running`)
  if (c.delayed > 0)
    parts.push(
      `${c.delayed} delayed${event.delayedGiveUpAt ? ` (given up by ${minute(event.delayedGiveUpAt)} at the latest)` : ''}`
    )
  if (c.error > 0) parts.push(`${c.error} ended in error`)
  if (c.unknownFinal > 0) parts.push(`${c.unknownFinal} in a status Lote does not know`)
  if (c['given-up'] > 0) parts.push(`${c['given-up']} given up`)
  if (c.lost > 0) parts.push(`${c.lost} lost by Truora`)
  if (c.failed > 0) parts.push(`${c.failed} failed`)
  if (c.cancelled > 0) parts.push(`${c.cancelled} cancelled`)
  if (event.rowsPerMinute > 0) parts.push(`${event.rowsPerMinute} rows/min`)
  // The pace says nothing of checks Truora holds back: the batch ends when they do, or are given up.
  if (event.etaSeconds !== null && event.finished < event.total && c.delayed === 0)
    parts.push(`ETA ${duration(event.etaSeconds)}`)
  return parts.join(' · ')
}

export function progressBar(event: Progress, width = 24): string {
  const fraction = event.total === 0 ? 1 : event.finished / event.total
  const filled = Math.round(fraction * width)
  return `[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(Math.floor(fraction * 100)).padStart(3)}% ${details(event)} (${ENGINE_PHASE_TEXT[event.phase]})`
}

export function progressLine(event: Progress): string {
  return `progress: ${details(event)} (${ENGINE_PHASE_TEXT[event.phase]})`
}

export function describeEvent(event: Exclude<BatchEvent, Progress>): string {
  switch (event.type) {
    case 'started':
      return `Started ${event.total} rows with the ${event.engine === 'direct' ? 'direct engine' : 'Truora batch engine'}.`
    case 'warning':
      return `Warning: ${event.message}`
    case 'row-failed':
      return `Row ${event.row}: ${event.message}`
    case 'finished':
      return `Finished: ${event.status}${event.message ? ` — ${event.message}` : ''}.`
  }
}
