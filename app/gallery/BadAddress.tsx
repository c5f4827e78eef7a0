import { useApp } from '../store/context'

export function BadAddress({ message }: { message?: string }) {
  const routeMessage = useApp((s) => (s.route.screen === 'bad-address' ? s.route.message : ''))
  return (
    <main className="page notice" data-testid="bad-address">
      <h1>That address does not open a view</h1>
      <p role="alert">{message ?? routeMessage}</p>
      <p>
        <a href="#">Back to all scenarios</a>
      </p>
    </main>
  )
}
