/**
 * The editor's inputs: each labelled, each showing the validator's complaint about its field
 * (by document path) right under it. Number inputs keep what is being typed locally and pass a
 * value on only when it reads as one, so a half-typed number never reaches the draft.
 */
import { useId, useState, type ReactNode } from 'react'
import type { Unit } from './stackFields'
import { useEditor } from './editorStore'

/** The validator's message for a field path, if any. */
export function useProblem(path: string | undefined): string | undefined {
  return useEditor((s) => (path === undefined ? undefined : s.problems.find((p) => p.path === path)?.message))
}

export function Problem({ id, message }: { id: string; message: string | undefined }) {
  if (message === undefined) return null
  return (
    <span className="ed-problem" id={id} role="alert">
      {message}
    </span>
  )
}

interface Labelled {
  label: string
  /** Small text under the label: a kernel name, the valid range. */
  note?: string | null | undefined
  path?: string | undefined
  testId?: string | undefined
  /** Label and input on one line, the label small: for dense op rows. */
  compact?: boolean
  /** Only screen readers read the label (the row already says what the input is). */
  hideLabel?: boolean
}

function Frame({ label, note, compact, hideLabel, children, problem, problemId, htmlFor }: Labelled & { children: ReactNode; problem: string | undefined; problemId: string; htmlFor: string }) {
  return (
    <div className={`ed-field${compact ? ' compact' : ''}${problem ? ' invalid' : ''}`}>
      <label htmlFor={htmlFor}>
        <span className={hideLabel ? 'sr-only' : compact ? 'ed-label-inline' : 'ed-label'}>{label}</span>
        {note && !compact && <span className="ed-note">{note}</span>}
      </label>
      {children}
      <Problem id={problemId} message={problem} />
    </div>
  )
}

export function BoolInput({ label, note, path, testId, value, onChange }: Labelled & { value: boolean; onChange: (v: boolean) => void }) {
  const id = useId()
  const problem = useProblem(path)
  return (
    <div className={`ed-check${problem ? ' invalid' : ''}`}>
      <input id={id} type="checkbox" checked={value} onChange={(e) => onChange(e.target.checked)} data-testid={testId} aria-describedby={problem ? `${id}-p` : undefined} />
      <label htmlFor={id}>
        {label}
        {note && <span className="ed-note">{note}</span>}
      </label>
      <Problem id={`${id}-p`} message={problem} />
    </div>
  )
}

export function SelectInput<T extends string | number>(props: Labelled & { value: T; options: readonly (readonly [T, string])[]; onChange: (v: T) => void; extra?: string | undefined }) {
  const id = useId()
  const problem = useProblem(props.path)
  const { value, options, onChange, extra } = props
  return (
    <Frame {...props} problem={problem} problemId={`${id}-p`} htmlFor={id}>
      <select id={id} value={extra ?? String(value)} onChange={(e) => onChange((options.find(([v]) => String(v) === e.target.value)?.[0] ?? value) as T)} data-testid={props.testId} aria-describedby={problem ? `${id}-p` : undefined} aria-invalid={problem ? true : undefined}>
        {extra !== undefined && (
          <option value={extra} disabled>
            {extra}
          </option>
        )}
        {options.map(([v, text]) => (
          <option key={String(v)} value={String(v)}>
            {text}
          </option>
        ))}
      </select>
    </Frame>
  )
}

/** Keeps the typed text; starts over when the value changes from elsewhere (the compact text). */
function useTyped<T>(value: T, show: (v: T) => string): [string, (s: string) => void] {
  const [typed, setTyped] = useState(() => show(value))
  const [seen, setSeen] = useState(value)
  if (!Object.is(seen, value)) {
    setSeen(value)
    setTyped(show(value))
  }
  return [typed, setTyped]
}

const WHOLE = /^\d{1,15}$/

export function IntInput(props: Labelled & { value: number; min: number; max: number; onChange: (v: number) => void; range?: boolean }) {
  const id = useId()
  const { value, min, max, onChange } = props
  const [typed, setTyped] = useTyped(value, String)
  const checked = useProblem(props.path)
  const problem = WHOLE.test(typed) ? checked : 'enter a whole number'
  const range = props.range === false ? null : `${min} – ${max}`
  return (
    <Frame {...props} note={props.note ?? range} problem={problem} problemId={`${id}-p`} htmlFor={id}>
      <input
        id={id}
        type="number"
        inputMode="numeric"
        min={min}
        max={max}
        step={1}
        value={typed}
        onChange={(e) => {
          setTyped(e.target.value)
          if (WHOLE.test(e.target.value)) onChange(Number(e.target.value))
        }}
        data-testid={props.testId}
        aria-invalid={problem ? true : undefined}
        aria-describedby={problem ? `${id}-p` : undefined}
      />
    </Frame>
  )
}

/** The largest unit that shows the value as a whole number, else the smallest. */
function unitFor(value: number, units: readonly Unit[]): Unit {
  for (let i = units.length - 1; i >= 0; i--) {
    const u = units[i] as Unit
    if (value !== 0 && value % u[1] === 0) return u
  }
  return units[0] as Unit
}

const DECIMAL = /^\d{1,12}(\.\d{1,9})?$/

/** A number and a unit picker (time or size); the value is in ns or bytes. */
export function QuantityInput(props: Labelled & { value: number; units: readonly Unit[]; range: string; onChange: (v: number) => void }) {
  const id = useId()
  const { value, units, onChange } = props
  const [unit, setUnit] = useState<Unit>(() => unitFor(value, units))
  const [typed, setTyped] = useTyped(value, (v) => String(v / unit[1]))
  const checked = useProblem(props.path)
  const problem = DECIMAL.test(typed) ? checked : 'enter a number'
  const commit = (text: string, u: Unit) => {
    if (DECIMAL.test(text)) onChange(Math.round(Number(text) * u[1]))
  }
  return (
    <Frame {...props} note={props.note ?? props.range} problem={problem} problemId={`${id}-p`} htmlFor={id}>
      <span className="ed-quantity">
        <input
          id={id}
          type="number"
          inputMode="decimal"
          min={0}
          step="any"
          value={typed}
          onChange={(e) => {
            setTyped(e.target.value)
            commit(e.target.value, unit)
          }}
          data-testid={props.testId}
          aria-invalid={problem ? true : undefined}
          aria-describedby={problem ? `${id}-p` : undefined}
        />
        <select
          aria-label={`${props.label}: unit`}
          value={unit[0]}
          onChange={(e) => {
            const u = units.find(([n]) => n === e.target.value) ?? unit
            setUnit(u)
            commit(typed, u)
          }}
        >
          {units.map(([n]) => (
            <option key={n} value={n}>
              {n}
            </option>
          ))}
        </select>
      </span>
    </Frame>
  )
}

export function TextInput(props: Labelled & { value: string; onChange: (v: string) => void; placeholder?: string; size?: number }) {
  const id = useId()
  const problem = useProblem(props.path)
  return (
    <Frame {...props} problem={problem} problemId={`${id}-p`} htmlFor={id}>
      <input id={id} type="text" value={props.value} size={props.size ?? 8} placeholder={props.placeholder} spellCheck={false} autoComplete="off" onChange={(e) => props.onChange(e.target.value)} data-testid={props.testId} aria-invalid={problem ? true : undefined} aria-describedby={problem ? `${id}-p` : undefined} />
    </Frame>
  )
}
