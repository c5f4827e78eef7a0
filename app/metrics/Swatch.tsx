import { useId } from 'react'

/** A legend key: guest cache is a solid band and line, host cache a hatched band and dashed line. */
export function Swatch({ kind }: { kind: 'guest' | 'host' }) {
  const id = `m-hatch${useId().replace(/[^\w-]/g, '')}`
  return (
    <svg
      className={`m-swatch m-layer-${kind}`}
      width="26"
      height="12"
      viewBox="0 0 26 12"
      aria-hidden="true"
    >
      {kind === 'host' && (
        <defs>
          <HatchPattern id={id} />
        </defs>
      )}
      <rect
        className="m-area"
        x="0"
        y="3"
        width="26"
        height="9"
        fill={kind === 'host' ? `url(#${id})` : undefined}
      />
      <path className="m-line" d="M0,3.5 H26" />
    </svg>
  )
}

/** The diagonal hatch that marks the host cache, in the charts and in their legend. */
export function HatchPattern({ id }: { id: string }) {
  return (
    <pattern
      id={id}
      className="m-hatch"
      patternUnits="userSpaceOnUse"
      width="6"
      height="6"
      patternTransform="rotate(45)"
    >
      <rect width="6" height="6" />
      <line x1="1.5" y1="0" x2="1.5" y2="6" />
    </pattern>
  )
}
