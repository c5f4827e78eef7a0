import { catalogue } from '../../src/scenarios/catalogue'
import { formatAddress } from '../route/address'
import { OpenTraceButton } from '../trace/OpenTraceButton'

/** The start screen: one card per built-in scenario, each a link to its scenario screen. */
export function Gallery() {
  const entries = catalogue()
  return (
    <main className="page gallery" data-testid="gallery">
      <section className="hero">
        <h1>How Linux storage orders and persists your writes</h1>
        <p>
          Each scenario runs a small workload through a simulated stack: a guest file system on a loop device, the host page cache or direct I/O, the
          host file system, and a disk with a volatile write cache. Step through it, then ask what a crash or a snapshot at any instant could leave.
        </p>
        <p>
          <a className="pr-gallery-link" href={formatAddress({ screen: 'practice', seed: 1, kind: null })} data-testid="gallery-practice">
            Practice problems
          </a>{' '}
          — seeded questions on crash states, with answers the explorer computes.
        </p>
      </section>
      <ul className="cards" aria-label="Scenarios">
        {entries.map(({ meta }) => (
          <li key={meta.id} className="card">
            <a className="card-link" href={formatAddress({ screen: 'scenario', scenario: meta.id, shared: null, variant: null, at: null, compare: null, panel: 'narration', embed: false, walk: false })} data-testid={`card-${meta.id}`}>
              <h2>{meta.title}</h2>
              <p className="lesson">{meta.summary}</p>
            </a>
            <p className="source">
              <span className="source-label">Source</span> {meta.source}
            </p>
            <p className="variants" aria-label="Variants">
              {meta.variants.map((v) => (
                <a key={v.id} className="chip" href={formatAddress({ screen: 'scenario', scenario: meta.id, shared: null, variant: v.id, at: null, compare: null, panel: 'narration', embed: false, walk: false })} title={v.summary}>
                  {v.title}
                </a>
              ))}
            </p>
          </li>
        ))}
      </ul>
      <section className="trace-invite" aria-labelledby="trace-invite-title">
        <h2 id="trace-invite-title">Have a real trace?</h2>
        <p>
          Open a <code>blkparse</code> text, the kernel&rsquo;s block tracepoints as tracefs prints them, or a fio iolog (version 2 or 3), or drop the file
          anywhere on the page: its requests play on the timeline, and the crash explorer says what a power loss at any instant could leave on the device.
        </p>
        <OpenTraceButton label="Open trace…" className="primary" testId="open-trace-gallery" />
      </section>
    </main>
  )
}
