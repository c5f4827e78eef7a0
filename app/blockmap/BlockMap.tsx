import { useMemo } from 'react'
import type { RunView } from '../data/runView'
import { useApp } from '../store/context'
import { requestIndexOf } from '../stackview/requestIndex'
import { BlockGrid } from './BlockGrid'
import {
  crashClasses,
  crashImageOf,
  CRASH_NAMES,
  Where,
  WHERE_GLYPHS,
  WHERE_NAMES,
  type CrashImage,
} from './classify'
import { fsRoles } from './fsRoles'
import { HeatMap, heatShape } from './HeatMap'
import { placeTrackerOf } from './tracker'
import './BlockMap.css'

/** Devices up to this many blocks get one cell per block; bigger ones a heat map. */
export const GRID_MAX = 1024

/**
 * Every block of the guest image with its versions and where they are (acknowledged, in a page
 * cache, in the disk's volatile cache, on media, durable) at the playhead. In the primary pane, an
 * opened crash state replaces the live view with that state's disk image and the checker's findings.
 */
export function BlockMap({
  run,
  index,
  which,
}: {
  run: RunView
  index: number
  which: 'primary' | 'compare'
}) {
  const n = run.p.config.stack.deviceBlocks
  const crash = useApp((s) => s.crash)
  const setCrash = useApp((s) => s.setCrash)
  const answer =
    which === 'primary' && crash.answer.status === 'ready' && crash.opened !== null
      ? crash.answer.value
      : null
  const opened = answer && crash.opened !== null ? crash.opened : -1
  const example = answer?.examples[opened] ?? null
  const base = example ? (answer?.base ?? null) : null
  const image = useMemo(
    () => (example && base ? crashImageOf(base, example, n) : null),
    [example, base, n],
  )
  const roles = useMemo(() => {
    if (!run.p.hasFs) return null
    const roleOf = fsRoles(n)
    return Array.from({ length: n }, (_, b) => roleOf(b))
  }, [run, n])
  // The run's place tracker follows the playhead: its classes are shared and change in place, so
  // `stamp` tells the heat map which position they are at.
  const live = useMemo(() => {
    if (image) return null
    const t = placeTrackerOf(run)
    t.sync(run.stateAt(index))
    return { classes: t.classes, counts: Array.from(t.counts), stamp: index }
  }, [run, index, image])
  const frozen = useMemo(() => {
    if (!image) return null
    const classes = new Uint8Array(n)
    return { classes, counts: crashClasses(image, classes), stamp: -1 }
  }, [image, n])
  const shown = frozen ?? live
  const large = n > GRID_MAX
  const guestCache = requestIndexOf(run).guestCacheUsed
  const findings = example?.findings ?? []

  return (
    <section
      className="bm"
      data-testid={`block-map-${which}`}
      aria-label={`Blocks of the guest image${which === 'compare' ? ` (${run.p.scenario.variants.find((v) => v.id === run.p.variant)?.title ?? run.p.variant})` : ''}${image ? `: crash state ${opened + 1}` : ''}`}
    >
      <div className="bm-head">
        <h3 className="bm-title">Blocks of /dev/loop0</h3>
        <span className="bm-sub">
          {n.toLocaleString('en')} × 4 KiB
          {large ? ` · one pixel per block, ${heatShape(n).cols} per row` : ''}
          {image
            ? ''
            : large
              ? ' · colour: where the newest version is'
              : ' · colour and letter: where the newest version is'}
        </span>
      </div>
      {image && answer && example && (
        <div
          className={`bm-banner ${example.verdict === 'consistent' ? 'bm-banner-good' : 'bm-banner-bad'}`}
          data-testid="crash-image"
          role="group"
          aria-label="Crash state shown in the block map"
        >
          <div className="bm-banner-line">
            <span>
              <strong>Crash state {opened + 1}</strong> ({example.verdict}) at event {answer.event}
              <span className="bm-banner-sub">
                {' '}
                · {answer.model.replace(/-/g, ' ')} ·{' '}
                {image.changedCount === 0
                  ? 'same as the durable base'
                  : `${image.changedCount} block${image.changedCount === 1 ? ' differs' : 's differ'} from the durable base`}
              </span>
            </span>
            <button
              type="button"
              onClick={() => setCrash({ opened: null })}
              data-testid="crash-image-close"
            >
              Close
            </button>
          </div>
          {findings.length > 0 ? (
            <ul className="bm-findings" aria-label="Findings of the checker">
              {findings.map((f, i) => (
                <li key={i}>
                  <span className="bm-mark bm-mark-bad" aria-hidden="true">
                    !
                  </span>{' '}
                  {f.sentence}
                  {f.blocks && f.blocks.length > 0 && (
                    <span className="bm-finding-blocks">
                      {' '}
                      (block{f.blocks.length === 1 ? '' : 's'} {f.blocks.join(', ')})
                    </span>
                  )}
                </li>
              ))}
            </ul>
          ) : (
            <p className="bm-findings-none">The checker found nothing wrong with this image.</p>
          )}
        </div>
      )}
      {shown && (
        <Legend counts={shown.counts} image={image} guestCache={guestCache} large={large} />
      )}
      {large ? (
        shown && (
          <HeatMap
            run={run}
            index={index}
            classes={shown.classes}
            stamp={shown.stamp}
            image={image}
            base={base}
            findings={findings}
            roles={roles}
          />
        )
      ) : (
        <BlockGrid
          run={run}
          index={index}
          image={image}
          base={base}
          findings={findings}
          roles={roles}
        />
      )}
    </section>
  )
}

function Legend({
  counts,
  image,
  guestCache,
  large,
}: {
  counts: number[]
  image: CrashImage | null
  guestCache: boolean
  large: boolean
}) {
  if (image) {
    const marks = ['', '', 'Δ', '!']
    // Classes are exclusive (a finding wins); the legend counts every changed and every named block.
    const shown = [counts[0] ?? 0, counts[1] ?? 0, image.changedCount, image.badBlocks.length]
    return (
      <ul className="bm-legend" aria-label="Legend">
        {CRASH_NAMES.map((name, c) => (
          <li key={c}>
            <span className={`bm-swatch bm-crash-${c}`} aria-hidden="true">
              {marks[c]}
            </span>
            {name} <b>{(shown[c] ?? 0).toLocaleString('en')}</b>
          </li>
        ))}
      </ul>
    )
  }
  const shown = [
    Where.NONE,
    ...(guestCache ? [Where.GUEST_CACHE] : []),
    Where.TRANSIT,
    Where.HOST_CACHE,
    Where.DISK_CACHE,
    Where.MEDIA,
    Where.DURABLE,
    Where.GONE,
  ]
  return (
    <ul className="bm-legend" aria-label="Legend">
      {shown.map((w) => (
        <li key={w}>
          <span className={`bm-swatch bm-w-${w}`} aria-hidden="true">
            {WHERE_GLYPHS[w]}
          </span>
          {WHERE_NAMES[w]} <b>{(counts[w] ?? 0).toLocaleString('en')}</b>
        </li>
      ))}
      {!large && (
        <>
          <li>
            <span className="bm-ack" aria-hidden="true">
              A
            </span>
            acknowledged to the guest
          </li>
          <li>
            <span className="bm-base" aria-hidden="true">
              ⚡v5
            </span>
            what a power loss now is guaranteed to keep
          </li>
        </>
      )}
    </ul>
  )
}
