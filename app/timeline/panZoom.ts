/**
 * Wheel, pinch and drag on the timeline lanes, by d3-zoom. Only the horizontal part of the
 * transform is used: k scales and x translates the base (gap-compressed) x-scale. The page owns
 * the window (the store); user gestures are reported through `onUser`, and the page pushes the
 * window back with `set` (which reports nothing, so there is no loop).
 */
import { select, type Selection } from 'd3-selection'
import { zoom, zoomIdentity, zoomTransform, type D3ZoomEvent, type ZoomBehavior } from 'd3-zoom'

export interface PanZoom {
  /** Sets the transform without reporting it. */
  set(k: number, x: number): void
  /** The size of the element and the largest zoom factor allowed. */
  resize(width: number, height: number, maxK: number): void
  destroy(): void
}

export interface PanZoomOptions {
  /** A gesture moved the view to scale k, translation x. */
  onUser(k: number, x: number): void
  /** A drag or pinch started (true) or ended (false). */
  onGesture?(active: boolean): void
}

/** Alt and Shift clicks belong to the page (crash here), not to a pan. */
function allowed(e: Event): boolean {
  const m = e as MouseEvent
  if (m.type === 'wheel') return !m.altKey
  return !m.ctrlKey && !m.button && !m.altKey && !m.shiftKey
}

export function attachPanZoom(el: HTMLElement, opts: PanZoomOptions): PanZoom {
  // While the page pushes a transform, d3-zoom may reuse an active gesture (and its source
  // event): ignore what it emits then, or the window would echo back and forth.
  let syncing = false
  const behavior: ZoomBehavior<HTMLElement, unknown> = zoom<HTMLElement, unknown>()
    .filter(allowed)
    .clickDistance(3)
    .on('start', (e: D3ZoomEvent<HTMLElement, unknown>) => {
      if (e.sourceEvent && !syncing && (e.sourceEvent as Event).type !== 'wheel')
        opts.onGesture?.(true)
    })
    .on('zoom', (e: D3ZoomEvent<HTMLElement, unknown>) => {
      if (e.sourceEvent && !syncing) opts.onUser(e.transform.k, e.transform.x)
    })
    .on('end', (e: D3ZoomEvent<HTMLElement, unknown>) => {
      if (e.sourceEvent && !syncing && (e.sourceEvent as Event).type !== 'wheel')
        opts.onGesture?.(false)
    })
  const sel: Selection<HTMLElement, unknown, null, undefined> = select(el)
  sel.call(behavior).on('dblclick.zoom', null)
  return {
    set(k, x) {
      const cur = zoomTransform(el)
      if (Math.abs(cur.k - k) <= 1e-9 * k && Math.abs(cur.x - x) < 1e-6) return
      syncing = true
      try {
        behavior.transform(sel, zoomIdentity.translate(x, 0).scale(k))
      } finally {
        syncing = false
      }
    },
    resize(width, height, maxK) {
      const w = Math.max(1, width)
      const h = Math.max(1, height)
      behavior
        .extent([
          [0, 0],
          [w, h],
        ])
        .translateExtent([
          [0, -Infinity],
          [w, Infinity],
        ])
        .scaleExtent([1, Math.max(1, maxK)])
    },
    destroy() {
      sel.on('.zoom', null)
    },
  }
}
