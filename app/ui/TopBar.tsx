import { useApp } from '../store/context'
import { OpenTraceButton } from '../trace/OpenTraceButton'

/** The bar every screen shares: home, open a trace, theme, presenter type size, keyboard help. */
export function TopBar() {
  const theme = useApp((s) => s.theme)
  const setTheme = useApp((s) => s.setTheme)
  const presenter = useApp((s) => s.presenter)
  const togglePresenter = useApp((s) => s.togglePresenter)
  const setHelp = useApp((s) => s.setHelp)
  const onScenario = useApp((s) => s.route.screen === 'scenario' || (s.route.screen === 'trace' && s.trace !== null))
  return (
    <header className="topbar">
      <a className="brand" href="#" aria-label="loopscope: all scenarios">
        <span className="brand-mark" aria-hidden="true">
          ◎
        </span>
        loopscope
      </a>
      <nav className="topbar-actions" aria-label="Display">
        <OpenTraceButton />
        <button type="button" className="ghost" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}>
          {theme === 'dark' ? '☀ Light' : '☾ Dark'}
        </button>
        <button type="button" className="ghost" aria-pressed={presenter} onClick={togglePresenter} title="Larger type for projecting (P)">
          Presenter
        </button>
        {onScenario && (
          <button type="button" className="ghost" onClick={() => setHelp(true)} title="Keyboard shortcuts (?)">
            Keys ?
          </button>
        )}
      </nav>
    </header>
  )
}
