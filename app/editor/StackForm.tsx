import { FS_DISCIPLINES, type StackConfig } from '../../src/engine/config'
import { setDevice, setStack, setWorkload, type Draft } from './draft'
import { useEditor, editorStore } from './editorStore'
import { BoolInput, IntInput, QuantityInput, SelectInput } from './inputs'
import { rangeText, STACK_GROUPS, stackPath, TIME_UNITS, type StackField } from './stackFields'

type Section = Exclude<keyof StackConfig, 'deviceBlocks'>

function read(d: Draft, f: StackField): unknown {
  return (d.config.stack[f.section] as unknown as Record<string, unknown>)[f.field]
}

function write(f: StackField, value: unknown): void {
  editorStore.getState().edit((d) => setStack(d, f.section as Section, f.field as never, value as never))
}

function Field({ f, draft }: { f: StackField; draft: Draft }) {
  const value = read(draft, f)
  const common = { label: f.label, note: f.note ?? rangeText(f.kind), path: stackPath(f), testId: `ed-${f.section}-${f.field}` }
  const k = f.kind
  switch (k.t) {
    case 'bool':
      return <BoolInput {...common} value={value === true} onChange={(v) => write(f, v)} />
    case 'int':
      return <IntInput {...common} value={value as number} min={k.min} max={k.max} onChange={(v) => write(f, v)} range={false} />
    case 'quantity':
      return <QuantityInput {...common} value={value as number} units={k.units} range={k.range} onChange={(v) => write(f, v)} />
    case 'select': {
      // Allocation may be a list of ranges, which only the text edits.
      const listed = k.options.some(([v]) => v === value)
      return <SelectInput {...common} value={value as string} options={k.options} onChange={(v) => write(f, v)} extra={listed ? undefined : 'block ranges (in the text)'} />
    }
  }
}

/** The run and stack settings that matter most, as a form; everything else is in the compact text. */
export function StackForm() {
  const draft = useEditor((s) => s.draft)
  if (!draft) return null
  const fs = draft.config.workload.fs
  const edit = editorStore.getState().edit
  return (
    <div className="ed-form" data-testid="ed-stack-form">
      <fieldset>
        <legend>Run</legend>
        <IntInput label="Seed" path="seed" value={draft.seed} min={0} max={Number.MAX_SAFE_INTEGER} range={false} note="same seed, same run" onChange={(v) => edit((d) => ({ ...d, seed: v }))} testId="ed-seed" />
        <IntInput label="Device size (4 KiB blocks)" path="stack.deviceBlocks" value={draft.config.stack.deviceBlocks} min={1} max={2 ** 24} onChange={(v) => edit((d) => setDevice(d, v))} testId="ed-device" />
      </fieldset>
      {STACK_GROUPS.map((g) => (
        <fieldset key={g.title}>
          <legend>{g.title}</legend>
          {g.fields.map((f) => (
            <Field key={`${f.section}.${f.field}`} f={f} draft={draft} />
          ))}
        </fieldset>
      ))}
      {fs && (
        <fieldset>
          <legend>Guest file system</legend>
          <SelectInput label="Ordering discipline" path="workload.fs.discipline" value={fs.discipline} options={FS_DISCIPLINES.map((x) => [x, x] as const)} onChange={(v) => edit((d) => setWorkload(d, { fs: d.config.workload.fs && { ...d.config.workload.fs, discipline: v } }))} testId="ed-fs-discipline" />
          <QuantityInput label="Journal commit interval" path="workload.fs.commitInterval" value={fs.commitIntervalNs} units={TIME_UNITS} range="1 ns – 1 h" onChange={(v) => edit((d) => setWorkload(d, { fs: d.config.workload.fs && { ...d.config.workload.fs, commitIntervalNs: v } }))} testId="ed-fs-commit" />
        </fieldset>
      )}
    </div>
  )
}
