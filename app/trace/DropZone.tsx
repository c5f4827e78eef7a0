import { useEffect, useState } from 'react'
import { useStoreApi } from '../store/context'
import { openTrace } from './openTrace'

function carriesFiles(e: DragEvent): boolean {
  return e.dataTransfer !== null && [...e.dataTransfer.types].includes('Files')
}

/**
 * Drop a trace file anywhere on the page: while a file is dragged over the window, an overlay says
 * what dropping it does. Dragging text or links around the page is left alone.
 */
export function DropZone() {
  const store = useStoreApi()
  const [over, setOver] = useState(false)
  useEffect(() => {
    // dragenter/dragleave fire for every child crossed: count them to know when the drag left.
    let depth = 0
    const enter = (e: DragEvent) => {
      if (!carriesFiles(e)) return
      e.preventDefault()
      depth++
      setOver(true)
    }
    const overWindow = (e: DragEvent) => {
      if (!carriesFiles(e)) return
      e.preventDefault()
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy'
    }
    const leave = (e: DragEvent) => {
      if (!carriesFiles(e)) return
      depth = Math.max(0, depth - 1)
      if (depth === 0) setOver(false)
    }
    const drop = (e: DragEvent) => {
      if (!carriesFiles(e)) return
      e.preventDefault()
      depth = 0
      setOver(false)
      const f = e.dataTransfer?.files[0]
      if (f) openTrace(store, f)
    }
    addEventListener('dragenter', enter)
    addEventListener('dragover', overWindow)
    addEventListener('dragleave', leave)
    addEventListener('drop', drop)
    return () => {
      removeEventListener('dragenter', enter)
      removeEventListener('dragover', overWindow)
      removeEventListener('dragleave', leave)
      removeEventListener('drop', drop)
    }
  }, [store])
  if (!over) return null
  return (
    <div className="trace-drop" data-testid="drop-overlay" aria-hidden="true">
      <div className="trace-drop-box">
        <p className="trace-drop-title">Drop the file to open it as a block trace</p>
        <p>
          blkparse text, tracefs text (block events or the blk tracer) or a fio iolog, version 2 or
          3; up to 64 MiB
        </p>
      </div>
    </div>
  )
}
