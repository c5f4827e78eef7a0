/** Move up, move down, remove (and insert after), for a row of a list; each says what it acts on. */
export function RowTools({ what, index, count, onMove, onRemove, onInsert, testId }: { what: string; index: number; count: number; onMove: (delta: number) => void; onRemove: () => void; onInsert?: () => void; testId: string }) {
  return (
    <span className="ed-tools">
      <button type="button" className="ghost" aria-label={`Move ${what} up`} title={`Move ${what} up`} disabled={index === 0} onClick={() => onMove(-1)} data-testid={`${testId}-up`}>
        ↑
      </button>
      <button type="button" className="ghost" aria-label={`Move ${what} down`} title={`Move ${what} down`} disabled={index === count - 1} onClick={() => onMove(1)} data-testid={`${testId}-down`}>
        ↓
      </button>
      <button type="button" className="ghost danger" aria-label={`Remove ${what}`} title={`Remove ${what}`} onClick={onRemove} data-testid={`${testId}-remove`}>
        ✕
      </button>
      {onInsert && (
        <button type="button" className="ghost" aria-label={`Insert an op after ${what}`} title="Insert an op after this one" onClick={onInsert} data-testid={`${testId}-insert`}>
          +
        </button>
      )}
    </span>
  )
}
