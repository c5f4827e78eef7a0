import { useEffect, useRef } from 'react'
import { useApp } from '../store/context'
import { SHORTCUTS } from './keys'

export function HelpOverlay() {
  const open = useApp((s) => s.help)
  const setHelp = useApp((s) => s.setHelp)
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const d = ref.current
    if (!d) return
    if (open && !d.open) d.showModal()
    if (!open && d.open) d.close()
  }, [open])
  return (
    <dialog ref={ref} className="help" aria-labelledby="help-title" onClose={() => setHelp(false)} data-testid="help">
      <h2 id="help-title">Keyboard shortcuts</h2>
      <table>
        <tbody>
          {SHORTCUTS.map((s) => (
            <tr key={`${s.code}${s.shift ? '+shift' : ''}`}>
              <td>
                <kbd>{s.keys}</kbd>
              </td>
              <td>{s.what}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="dialog">
        <button type="submit" autoFocus>
          Close
        </button>
      </form>
    </dialog>
  )
}
