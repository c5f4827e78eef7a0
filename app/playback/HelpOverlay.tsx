import { useEffect, useRef } from 'react'
import { useApp } from '../store/context'
import { walking } from '../walkthrough/enter'
import { keptInWalkthrough, SHORTCUTS, WALK_SHORTCUTS } from './keys'

/** The keys in effect: playback's, or in the walkthrough its own plus the ones that stay. */
export function HelpOverlay() {
  const open = useApp((s) => s.help)
  const setHelp = useApp((s) => s.setHelp)
  const walk = useApp(walking)
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const d = ref.current
    if (!d) return
    if (open && !d.open) d.showModal()
    if (!open && d.open) d.close()
  }, [open])
  const rows = walk
    ? [
        ...WALK_SHORTCUTS.flatMap((s) => (s.keys && s.what ? [{ id: s.codes.join('+'), keys: s.keys, what: s.what }] : [])),
        ...SHORTCUTS.filter((s) => keptInWalkthrough(s.command)).map((s) => ({ id: s.code, keys: [s.keys], what: s.what })),
      ]
    : SHORTCUTS.map((s) => ({ id: `${s.code}${s.shift ? '+shift' : ''}`, keys: [s.keys], what: s.what }))
  return (
    <dialog ref={ref} className="help" aria-labelledby="help-title" onClose={() => setHelp(false)} data-testid="help">
      <h2 id="help-title">{walk ? 'Walkthrough keys' : 'Keyboard shortcuts'}</h2>
      <table>
        <tbody>
          {rows.map((r) => (
            <tr key={r.id}>
              <td>
                {r.keys.map((k, i) => (
                  <span key={k}>
                    {i > 0 && ' '}
                    <kbd>{k}</kbd>
                  </span>
                ))}
              </td>
              <td>{r.what}</td>
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
