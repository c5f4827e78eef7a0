const LAYERS = [
  { name: 'Guest file system', note: 'ext4 or xfs inside the image issues writes, FLUSH and FUA' },
  { name: 'Loop device', note: '/dev/loopN turns block requests into file I/O on the host' },
  {
    name: 'Host page cache',
    note: 'dirty pages wait for writeback unless the loop uses direct I/O',
  },
  { name: 'Host file system', note: 'maps the image file to extents and keeps its own journal' },
  { name: 'Disk write cache', note: 'volatile: only a FLUSH or FUA write makes data durable' },
] as const

export function App() {
  return (
    <main className="page" data-testid="app-root">
      <header className="page-header">
        <h1>loopscope</h1>
        <p className="tagline">How Linux storage orders and persists your writes.</p>
      </header>

      <p className="intro">
        loopscope will follow a single write from a guest file system through the loop block device,
        the host page cache and the host file system down to a disk with a volatile write cache. It
        shows where FLUSH and FUA requests go, which writes may be reordered or still sit in a cache
        at any moment, and what a power cut or a snapshot taken at that moment can leave behind on
        stable storage.
      </p>

      <ol className="stack" aria-label="Layers a write passes through">
        {LAYERS.map((layer) => (
          <li key={layer.name} className="layer">
            <span className="layer-name">{layer.name}</span>
            <span className="layer-note">{layer.note}</span>
          </li>
        ))}
      </ol>

      <p className="status">The interactive simulation is under construction.</p>
    </main>
  )
}
