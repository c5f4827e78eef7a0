import type { RunView } from '../data/runView'

/** Placeholder: replaced by the block map. */
export function BlockMap({ run, index, which }: { run: RunView; index: number; which: 'primary' | 'compare' }) {
  return <div data-testid={`block-map-${which}`}>{run.p.config.stack.deviceBlocks} blocks at {index}</div>
}
