/**
 * The compact text of the draft. Typing is read after a short pause or when the field is left;
 * a mistake shows its line and column under the text with the line quoted and the spot marked,
 * and the form keeps the last draft that read.
 */
import { useEffect, useId, useRef } from 'react'
import type { CompactError } from '../../src/scenarios/compact'
import { editorStore, useEditor } from './editorStore'
import { SYNTAX } from './syntax'

/** Read the text this long after the last key press. */
export const READ_PAUSE_MS = 700
const SHOWN_ERRORS = 3

/** Offset of a 1-based line and column in the text. */
function offsetOf(text: string, line: number, column: number): number {
  let at = 0
  for (let l = 1; l < line; l++) {
    const nl = text.indexOf('\n', at)
    if (nl < 0) return text.length
    at = nl + 1
  }
  return Math.min(text.length, at + column - 1)
}

function Snippet({ text, e }: { text: string; e: CompactError }) {
  const line = text.split('\n')[e.line - 1] ?? ''
  const before = line.slice(0, e.column - 1)
  const marked = line.slice(e.column - 1, e.column - 1 + e.length) || ' '
  const after = line.slice(e.column - 1 + e.length)
  return (
    <pre className="ed-snippet" aria-hidden="true">
      <span className="ed-lineno">{e.line} │ </span>
      {before}
      <mark>{marked}</mark>
      {after}
    </pre>
  )
}

/** A short reference of the grammar; the whole of it is in docs/compact.md. */
function Syntax() {
  return (
    <details className="ed-syntax">
      <summary>How to write it</summary>
      <dl>
        {SYNTAX.map(([code, what]) => (
          <div key={code}>
            <dt>
              <code>{code}</code>
            </dt>
            <dd>{what}</dd>
          </div>
        ))}
      </dl>
    </details>
  )
}

export function CompactText({ onApply }: { onApply: () => void }) {
  const id = useId()
  const area = useRef<HTMLTextAreaElement>(null)
  const text = useEditor((s) => s.text)
  const dirty = useEditor((s) => s.textDirty)
  const errors = useEditor((s) => s.textErrors)
  useEffect(() => {
    if (!dirty) return
    const timer = setTimeout(() => editorStore.getState().readText(), READ_PAUSE_MS)
    return () => clearTimeout(timer)
  }, [text, dirty])
  const show = (e: CompactError) => {
    const el = area.current
    if (!el) return
    const start = offsetOf(el.value, e.line, e.column)
    el.focus()
    el.setSelectionRange(start, Math.min(el.value.length, start + e.length))
  }
  const lines = Math.max(4, Math.min(14, text.split('\n').length + 1))
  return (
    <div className={`ed-compact${errors.length ? ' invalid' : ''}`}>
      <label htmlFor={id} className="ed-label">
        Compact text <span className="ed-note">the whole run, one statement a line</span>
      </label>
      <textarea
        id={id}
        ref={area}
        className="ed-text"
        value={text}
        rows={lines}
        spellCheck={false}
        autoCapitalize="off"
        autoComplete="off"
        wrap="off"
        onChange={(e) => editorStore.getState().type(e.target.value)}
        onBlur={() => {
          if (editorStore.getState().textDirty) editorStore.getState().readText()
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault()
            onApply()
          }
        }}
        aria-invalid={errors.length ? true : undefined}
        aria-describedby={errors.length ? `${id}-errors` : undefined}
        data-testid="ed-text"
      />
      <Syntax />
      {errors.length > 0 && (
        <div className="ed-errors" id={`${id}-errors`} role="alert" data-testid="ed-text-errors">
          <p className="ed-errors-head">The text does not read; the form shows the last version that did.</p>
          {errors.slice(0, SHOWN_ERRORS).map((e, i) => (
            <div key={i} className="ed-error">
              <button type="button" className="link" onClick={() => show(e)} data-testid="ed-text-error">
                Line {e.line}, column {e.column}
              </button>
              : {e.message}
              <Snippet text={text} e={e} />
            </div>
          ))}
          {errors.length > SHOWN_ERRORS && <p className="hint">and {errors.length - SHOWN_ERRORS} more</p>}
        </div>
      )}
    </div>
  )
}
