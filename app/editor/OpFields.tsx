/**
 * The fields of one operation, by kind: a thread op (block, count, flags, label) or a file-system
 * op (file names, offset, label), and the outside events both may hold. Each input names the
 * document path the validator uses, so its complaint shows beside it.
 */
import type { FsOp, OutsideEvent, WorkOp } from '../../src/engine/config'
import { outsideEvent } from './draft'
import { BoolInput, IntInput, QuantityInput, SelectInput, TextInput } from './inputs'
import { TIME_UNITS } from './stackFields'

const MAX_BLOCK = 2 ** 24

const EVENT_LABELS: readonly (readonly [OutsideEvent['kind'], string])[] = [
  ['power-loss', 'host power loss'],
  ['atomic-snapshot', 'atomic snapshot of the image'],
  ['block-snapshot', 'block snapshot of the disk'],
  ['fuzzy-copy', 'fuzzy copy of the image'],
]
const ORDERS = (['ascending', 'descending', 'random'] as const).map((o) => [o, o] as const)

function Label({ path, value, onChange, testId }: { path: string; value: string | null; onChange: (v: string | null) => void; testId: string }) {
  return <TextInput compact label="label" path={`${path}.label`} value={value ?? ''} placeholder="—" size={5} onChange={(v) => onChange(v === '' ? null : v)} testId={`${testId}-label`} />
}

export function OutsideFields({ event, path, onChange, testId }: { event: OutsideEvent; path: string; onChange: (e: OutsideEvent) => void; testId: string }) {
  return (
    <>
      <SelectInput compact label="event" path={`${path}.op`} value={event.kind} options={EVENT_LABELS} onChange={(k) => onChange(outsideEvent(k))} testId={`${testId}-event`} />
      {event.kind === 'fuzzy-copy' && (
        <>
          <SelectInput compact label="order" path={`${path}.order`} value={event.order} options={ORDERS} onChange={(order) => onChange({ ...event, order })} testId={`${testId}-order`} />
          <QuantityInput compact label="per block" path={`${path}.perBlock`} value={event.nsPerBlock} units={TIME_UNITS} range="0 – 1 s" onChange={(ns) => onChange({ ...event, nsPerBlock: ns })} testId={`${testId}-perblock`} />
        </>
      )}
    </>
  )
}

function Sleep({ ns, path, onChange, testId }: { ns: number; path: string; onChange: (ns: number) => void; testId: string }) {
  return <QuantityInput compact label="for" path={`${path}.time`} value={ns} units={TIME_UNITS} range="0 – 1 h" onChange={onChange} testId={`${testId}-time`} />
}

/** The fields of a thread op after its kind. */
export function ThreadOpFields({ op, path, set, testId }: { op: WorkOp; path: string; set: (op: WorkOp) => void; testId: string }) {
  switch (op.op) {
    case 'wait':
      return <span className="ed-hint-inline">for every request in flight</span>
    case 'sleep':
      return <Sleep ns={op.ns} path={path} onChange={(ns) => set({ op: 'sleep', ns })} testId={testId} />
    case 'set_direct_io':
      return <BoolInput label="direct I/O on" path={`${path}.on`} value={op.on} onChange={(on) => set({ op: 'set_direct_io', on })} testId={`${testId}-on`} />
    case 'outside':
      return <OutsideFields event={op.event} path={path} onChange={(event) => set({ op: 'outside', event })} testId={testId} />
    case 'flush':
      return (
        <>
          <BoolInput label="wait" path={`${path}.wait`} value={op.wait} onChange={(wait) => set({ ...op, wait })} testId={`${testId}-wait`} />
          <Label path={path} value={op.label} onChange={(label) => set({ ...op, label })} testId={testId} />
        </>
      )
    default:
      return (
        <>
          <IntInput compact label="block" path={`${path}.block`} value={op.block} min={0} max={MAX_BLOCK - 1} range={false} onChange={(block) => set({ ...op, block })} testId={`${testId}-block`} />
          <IntInput compact label="count" path={`${path}.count`} value={op.count} min={1} max={MAX_BLOCK} range={false} onChange={(count) => set({ ...op, count })} testId={`${testId}-count`} />
          {op.op === 'write' && <BoolInput label="FUA" path={`${path}.fua`} value={op.fua} onChange={(fua) => set({ ...op, fua })} testId={`${testId}-fua`} />}
          {op.op === 'write' && <BoolInput label="PREFLUSH" path={`${path}.preflush`} value={op.preflush} onChange={(preflush) => set({ ...op, preflush })} testId={`${testId}-preflush`} />}
          {op.op === 'write_zeroes' && <BoolInput label="unmap" path={`${path}.unmap`} value={op.unmap} onChange={(unmap) => set({ ...op, unmap })} testId={`${testId}-unmap`} />}
          <BoolInput label="wait" path={`${path}.wait`} value={op.wait} onChange={(wait) => set({ ...op, wait })} testId={`${testId}-wait`} />
          <Label path={path} value={op.label} onChange={(label) => set({ ...op, label })} testId={testId} />
        </>
      )
  }
}

/** The fields of a file-system op after its kind. */
export function FsOpFields({ op, path, set, testId }: { op: FsOp; path: string; set: (op: FsOp) => void; testId: string }) {
  const name = (field: 'name' | 'from' | 'to', value: string, change: (v: string) => void) => <TextInput compact label={field === 'name' ? 'file' : field} path={`${path}.${field}`} value={value} size={5} onChange={change} testId={`${testId}-${field}`} />
  switch (op.op) {
    case 'sleep':
      return <Sleep ns={op.ns} path={path} onChange={(ns) => set({ op: 'sleep', ns })} testId={testId} />
    case 'outside':
      return <OutsideFields event={op.event} path={path} onChange={(event) => set({ op: 'outside', event })} testId={testId} />
    case 'sync':
      return <Label path={path} value={op.label} onChange={(label) => set({ ...op, label })} testId={testId} />
    case 'rename':
      return (
        <>
          {name('from', op.from, (from) => set({ ...op, from }))}
          {name('to', op.to, (to) => set({ ...op, to }))}
          <Label path={path} value={op.label} onChange={(label) => set({ ...op, label })} testId={testId} />
        </>
      )
    case 'write':
      return (
        <>
          {name('name', op.name, (n) => set({ ...op, name: n }))}
          <IntInput compact label="offset" path={`${path}.offset`} value={op.offset} min={0} max={MAX_BLOCK - 1} range={false} onChange={(offset) => set({ ...op, offset })} testId={`${testId}-offset`} />
          <IntInput compact label="count" path={`${path}.count`} value={op.count} min={1} max={64} range={false} onChange={(count) => set({ ...op, count })} testId={`${testId}-count`} />
          <Label path={path} value={op.label} onChange={(label) => set({ ...op, label })} testId={testId} />
        </>
      )
    default:
      return (
        <>
          {name('name', op.name, (n) => set({ ...op, name: n }))}
          <Label path={path} value={op.label} onChange={(label) => set({ ...op, label })} testId={testId} />
        </>
      )
  }
}
