/**
 * The compact name of a document path, for messages about a field the text does not hold
 * ("workload.jobs[0].requests is required" is said as "ios is required").
 */
import { FS_SETTINGS, JOB_SETTINGS, LIMIT_SETTINGS, SECTIONS, type Setting } from './vocab'

function tableOf(path: string): readonly Setting[] | undefined {
  if (/^workload\.jobs\[\d+\]\./.test(path)) return JOB_SETTINGS
  if (path.startsWith('workload.fs.')) return FS_SETTINGS
  if (path.startsWith('limits.')) return LIMIT_SETTINGS
  const m = /^stack\.(\w+)\./.exec(path)
  return m ? SECTIONS.find((s) => s.stackKey === m[1])?.settings : undefined
}

export function compactName(path: string): string {
  const last = /(\w+)(?:\[\d+\])?$/.exec(path)?.[1] ?? ''
  if (last === '') return 'the text'
  if (last === 'deviceBlocks') return 'device'
  return tableOf(path)?.find((s) => s.json === last)?.name ?? last
}
