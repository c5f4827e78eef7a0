import type { RunView } from '../data/runView'

/** Placeholder: replaced by the timeline (canvas lanes, SVG axis, zoom, overview strip). */
export function Timeline({ run, which }: { run: RunView; which: 'primary' | 'compare' }) {
  return <div data-testid={`timeline-${which}`}>{run.events} events</div>
}
