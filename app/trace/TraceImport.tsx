import { DropZone } from './DropZone'
import { ImportNotice } from './ImportNotice'
import './Trace.css'

/** Opening a trace from any screen: the drop overlay, and the notice of a file being read or refused. */
export function TraceImport() {
  return (
    <>
      <ImportNotice />
      <DropZone />
    </>
  )
}
