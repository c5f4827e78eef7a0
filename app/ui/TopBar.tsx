import { useApp } from '../store/context'
import { OpenTraceButton } from '../trace/OpenTraceButton'

/** The bar every screen shares: home, open a trace, theme, presenter type size, keyboard help. */
export function TopBar() {
  const presenter = useApp((s) => s.presenter)
  const togglePresenter = useApp((s) => s.togglePresenter)
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
        <a className="topbar-link" href="#practice=1" data-testid="topbar-practice">
          Practice
        </a>
        <OpenTraceButton />
        <ThemeToggle />
        <button type="button" className="ghost" aria-pressed={presenter} onClick={togglePresenter} title="Larger type for projecting (P)">
          Presenter
        </button>
        {onScenario && <KeysButton />}
      </nav>
    </header>
  )
}

/** Light or dark theme (also on the walkthrough's own bar). */
export function ThemeToggle() {
  const theme = useApp((s) => s.theme)
  const setTheme = useApp((s) => s.setTheme)
  return (
    <button type="button" className="ghost" onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')} aria-label={`Switch to ${theme === 'dark' ? 'light' : 'dark'} theme`}>
      {theme === 'dark' ? '☀ Light' : '☾ Dark'}
    </button>
  )
}

/** Opens the keyboard help (also on the walkthrough's own bar). */
export function KeysButton() {
  const setHelp = useApp((s) => s.setHelp)
  return (
    <button type="button" className="ghost" onClick={() => setHelp(true)} title="Keyboard shortcuts (?)">
      Keys ?
    </button>
  )
}
