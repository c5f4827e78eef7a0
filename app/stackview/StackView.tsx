import type { RunView } from '../data/runView'

/** Placeholder: replaced by the stack diagram. */
export function StackView({ run, index }: { run: RunView; index: number }) {
  return <div data-testid="stack-view">{run.p.scenario.id} at {index}</div>
}
