import type { Finding } from '../../src/engine'
import {
  badgesOf,
  BADGE_NAMES,
  stageName,
  versionName,
  versionPhrase,
  WHERE_GLYPHS,
  type BlockDetail,
  type CrashImage,
} from './classify'
import type { BlockRole } from './fsRoles'

export interface TipPlace {
  block: number
  /** Position of the tooltip's anchor inside the map, in px. */
  x: number
  y: number
  /** Width of the map, to keep the tooltip inside it. */
  width: number
}

/** Everything about one block: every version with its stage and where it is, or its crash-image version. */
export function BlockTip({
  id,
  place,
  detail,
  role,
  image,
  base,
  findings,
}: {
  id: string
  place: TipPlace
  detail: BlockDetail
  role: BlockRole | null
  image: CrashImage | null
  base: Int32Array | null
  findings: Finding[]
}) {
  const b = place.block
  const left = Math.max(0, Math.min(place.x, place.width - 300))
  const named = findings.filter((f) => f.blocks?.includes(b))
  return (
    <div className="bm-tip" id={id} role="tooltip" style={{ left, top: place.y }}>
      <div className="bm-tip-head">
        <strong>Block {b.toLocaleString('en')}</strong>
        {role && <span className="bm-tip-role">{role.long}</span>}
      </div>
      {image && base ? (
        <>
          <p className="bm-tip-line">
            In this crash state: <b>{versionName(image.version[b] as number)}</b>
            {image.changed[b] ? (
              <>
                {' '}
                <span className="bm-mark bm-mark-changed">Δ</span> differs from the durable base (
                {versionName(base[b] as number)})
              </>
            ) : (
              ' (as the durable base)'
            )}
          </p>
          {named.map((f, i) => (
            <p key={i} className="bm-tip-line bm-tip-bad">
              <span className="bm-mark bm-mark-bad">!</span> {f.sentence}
            </p>
          ))}
        </>
      ) : detail.versions.length === 0 ? (
        <p className="bm-tip-line">No write of this run has touched this block.</p>
      ) : (
        <table className="bm-tip-table">
          <thead>
            <tr>
              <th scope="col">version</th>
              <th scope="col">furthest stage</th>
              <th scope="col">now</th>
            </tr>
          </thead>
          <tbody>
            {detail.versions
              .slice(-8)
              .reverse()
              .map((v) => (
                <tr key={v.version} className={`bm-w-${v.where}`}>
                  <td>
                    <span className={`bm-chip bm-w-${v.where}`}>
                      v{v.version}
                      {WHERE_GLYPHS[v.where] && <i aria-hidden="true">{WHERE_GLYPHS[v.where]}</i>}
                    </span>
                  </td>
                  <td>{stageName(v.stage)}</td>
                  <td>
                    {badgesOf(v)
                      .map((x) => BADGE_NAMES[x] ?? x)
                      .join(', ') || '—'}
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
      {!image && detail.versions.length > 8 && (
        <p className="bm-tip-line bm-muted">…and {detail.versions.length - 8} older versions</p>
      )}
      {!image && (
        <p className="bm-tip-line bm-muted">
          Media holds {versionPhrase(detail.media)}
          {detail.diskCache !== null
            ? `; the disk's volatile cache holds ${versionPhrase(detail.diskCache)}`
            : ''}
          . Guaranteed to survive a power loss now: {versionPhrase(detail.durableLatest)}.
        </p>
      )}
    </div>
  )
}
