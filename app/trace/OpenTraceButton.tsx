import { useId, useRef } from 'react'
import { useStoreApi } from '../store/context'
import { openTrace, useImportStatus } from './openTrace'

/**
 * "Open trace…": a button in front of a hidden file input (the input is the accessible control's
 * partner, reached by the button; its value is cleared so the same file can be opened again).
 */
export function OpenTraceButton({
  label = 'Open trace…',
  className = 'ghost',
  testId = 'open-trace',
}: {
  label?: string
  className?: string
  testId?: string
}) {
  const store = useStoreApi()
  const input = useRef<HTMLInputElement>(null)
  const id = useId()
  const reading = useImportStatus((s) => s.status.state === 'reading')
  return (
    <>
      <button
        type="button"
        className={className}
        onClick={() => input.current?.click()}
        disabled={reading}
        title="Open a blkparse text, tracefs text or fio iolog (or drop it anywhere on the page)"
        data-testid={testId}
        aria-describedby={`${id}-what`}
      >
        {label}
      </button>
      <span id={`${id}-what`} hidden>
        A block trace: blkparse text, tracefs text or a fio iolog, up to 64 MiB
      </span>
      <input
        ref={input}
        type="file"
        hidden
        onChange={(e) => {
          const f = e.target.files?.[0]
          e.target.value = ''
          if (f) openTrace(store, f)
        }}
        data-testid={`${testId}-input`}
        aria-label="Trace file"
      />
    </>
  )
}
