/** What every mark on the timeline means, drawn with the same colours (HTML and small SVGs). */
import { memo, type ReactNode } from 'react'

function Swatch({ children }: { children: ReactNode }) {
  return (
    <svg className="tl-swatch" width="34" height="16" viewBox="0 0 34 16" aria-hidden="true">
      {children}
    </svg>
  )
}

const bar = (cls: string) => <rect x="2" y="4" width="30" height="9" className={cls} />

/** Static: memoised so that zooming, which re-renders the timeline, never re-renders it. */
export const Legend = memo(function Legend() {
  return (
    <details className="tl-legend" open>
      <summary>Legend</summary>
      <ul>
        <li>
          <Swatch>{bar('lg-write')}</Swatch>write
        </li>
        <li>
          <Swatch>{bar('lg-read')}</Swatch>read
        </li>
        <li>
          <Swatch>{bar('lg-flush')}</Swatch>FLUSH / fsync
        </li>
        <li>
          <Swatch>{bar('lg-writeback')}</Swatch>background writeback
        </li>
        <li>
          <Swatch>{bar('lg-other')}</Swatch>discard, zeroes, fallocate
        </li>
        <li>
          <Swatch>
            <rect x="2" y="4" width="12" height="9" className="lg-write queued" />
            <rect x="14" y="4" width="18" height="9" className="lg-write" />
          </Swatch>
          queued (light), then serviced
        </li>
        <li>
          <Swatch>
            <rect x="2" y="4" width="26" height="9" className="lg-write" />
            <rect x="28" y="2" width="4" height="13" className="lg-fua" />
          </Swatch>
          FUA write (cap at completion)
        </li>
        <li>
          <Swatch>
            <rect x="6" y="4" width="26" height="9" className="lg-write" />
            <rect x="4" y="2" width="3" height="13" className="lg-flush" />
          </Swatch>
          PREFLUSH (tick at submission)
        </li>
        <li>
          <Swatch>
            <rect x="2" y="4" width="30" height="9" className="lg-open" />
          </Swatch>
          never completed
        </li>
        <li>
          <Swatch>
            <rect x="2" y="4" width="20" height="9" className="lg-write" />
            <path d="M24,4 L31,13 M31,4 L24,13" className="lg-error" />
          </Swatch>
          completed with an error
        </li>
        <li>
          <Swatch>
            <path
              d="M2,13 L2,9 L6,9 L6,5 L10,5 L10,11 L16,11 L16,3 L20,3 L20,8 L26,8 L26,12 L32,12 L32,13 Z"
              className="lg-density"
            />
          </Swatch>
          too many to draw: height = requests in flight (√ scale)
        </li>
        <li>
          <Swatch>
            <path d="M6,14 C6,8 26,8 26,3" className="lg-link" markerEnd="" />
            <path d="M23,4 L26,1 L29,4" className="lg-link" />
          </Swatch>
          caused (select a request)
        </li>
        <li>
          <Swatch>
            <rect x="10" y="1" width="14" height="14" className="lg-gap" />
          </Swatch>
          idle gap, squeezed
        </li>
        <li>
          <span className="lg-glyph power">⚡</span>power loss{' '}
          <span className="lg-glyph snap">◆</span>atomic snapshot{' '}
          <span className="lg-glyph snap">▣</span>block snapshot{' '}
          <span className="lg-glyph copy">⇥ ⇤</span>fuzzy copy
        </li>
        <li>
          <Swatch>
            <line x1="17" x2="17" y1="0" y2="16" className="lg-crash" />
          </Swatch>
          crash explored here
        </li>
        <li>
          <Swatch>
            <rect x="17" y="0" width="17" height="16" className="lg-future" />
            <line x1="17" x2="17" y1="0" y2="16" className="lg-playhead" />
          </Swatch>
          playhead; after it has not happened yet
        </li>
      </ul>
      <p className="tl-help">
        Wheel or pinch to zoom, drag to pan. Click to move the playhead, click a request to see what
        it caused.{' '}
        <span title="Alt-click or Shift-click an instant on the timeline: the crash explorer asks what a crash right then can leave on disk">
          <kbd>Alt</kbd>- or <kbd>Shift</kbd>-click: crash here.
        </span>
      </p>
    </details>
  )
})
