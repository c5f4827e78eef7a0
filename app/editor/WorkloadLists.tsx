/**
 * The workload as lists: each guest thread's operations, the guest file system's operations and
 * the fio-like jobs. Rows can be added, removed, moved and edited in place; every change goes
 * through the editor store, which rewrites the compact text.
 */
import type { FioJob, FsOp, GuestThread, WorkOp } from '../../src/engine/config'
import { FIO_ENGINES, FIO_PATTERNS } from '../../src/scenarios/workload'
import { freshName, FS_KINDS, insertAfter, move, NEW_OP, newJob, OP_KINDS, remove, replace, retype, retypeFs, setThread, setWorkload, type Draft, type FsKind, type OpKind } from './draft'
import { editorStore, useEditor } from './editorStore'
import { BoolInput, IntInput, SelectInput, TextInput } from './inputs'
import { FsOpFields, ThreadOpFields } from './OpFields'
import { RowTools } from './RowTools'

const OP_LABELS: Record<OpKind, string> = {
  write: 'write',
  read: 'read',
  discard: 'discard',
  write_zeroes: 'write zeroes',
  flush: 'flush',
  wait: 'wait',
  sleep: 'sleep',
  set_direct_io: 'set direct I/O',
  outside: 'outside event',
}
const OP_OPTIONS = OP_KINDS.map((k) => [k, OP_LABELS[k]] as const)
const FS_OPTIONS = FS_KINDS.map((k) => [k, k === 'outside' ? 'outside event' : k] as const)

const edit = (change: (d: Draft) => Draft) => editorStore.getState().edit(change)

function ThreadOps({ thread, t }: { thread: GuestThread; t: number }) {
  const path = `workload.threads[${t}]`
  const setOps = (ops: WorkOp[]) => edit((d) => setThread(d, t, { ...(d.config.workload.threads[t] ?? thread), ops }))
  const setOp = (i: number, op: WorkOp) => edit((d) => {
    const cur = d.config.workload.threads[t] ?? thread
    return setThread(d, t, { ...cur, ops: replace(cur.ops, i, op) })
  })
  return (
    <section className="ed-list" aria-label={`Thread ${thread.name}`} data-testid={`ed-thread-${t}`}>
      <div className="ed-list-head">
        <h4>Thread</h4>
        <TextInput compact label="name" path={`${path}.name`} value={thread.name} size={8} onChange={(name) => edit((d) => setThread(d, t, { ...thread, name }))} testId={`ed-thread-${t}-name`} />
        <TextInput compact label="cgroup" path={`${path}.cgroup`} value={thread.cgroup} size={5} onChange={(cgroup) => edit((d) => setThread(d, t, { ...thread, cgroup }))} testId={`ed-thread-${t}-cgroup`} />
        <button type="button" className="ghost danger" onClick={() => edit((d) => setWorkload(d, { threads: remove(d.config.workload.threads, t) }))} data-testid={`ed-thread-${t}-remove`}>
          Remove thread
        </button>
      </div>
      <ol className="ed-ops">
        {thread.ops.map((op, i) => {
          const id = `ed-op-${t}-${i}`
          const opPath = `${path}.ops[${i}]`
          return (
            <li key={i} className="ed-op" data-testid={id}>
              <span className="ed-index" aria-hidden="true">
                {i + 1}
              </span>
              <SelectInput compact hideLabel label={`op ${i + 1} of ${thread.name}`} path={`${opPath}.op`} value={op.op} options={OP_OPTIONS} onChange={(k) => setOp(i, retype(op, k))} testId={`${id}-kind`} />
              <ThreadOpFields op={op} path={opPath} set={(next) => setOp(i, next)} testId={id} />
              <RowTools what={`op ${i + 1} of ${thread.name}`} index={i} count={thread.ops.length} onMove={(delta) => setOps(move(thread.ops, i, delta))} onRemove={() => setOps(remove(thread.ops, i))} onInsert={() => setOps(insertAfter(thread.ops, i, NEW_OP))} testId={id} />
            </li>
          )
        })}
      </ol>
      <button type="button" onClick={() => setOps([...thread.ops, NEW_OP])} data-testid={`ed-thread-${t}-add`}>
        + Add op
      </button>
    </section>
  )
}

function FsOps({ ops }: { ops: FsOp[] }) {
  const setOps = (next: FsOp[]) => edit((d) => setWorkload(d, { fs: d.config.workload.fs && { ...d.config.workload.fs, ops: next } }))
  return (
    <section className="ed-list" aria-label="Guest file system operations" data-testid="ed-fs-ops">
      <div className="ed-list-head">
        <h4>Guest file system</h4>
      </div>
      <ol className="ed-ops">
        {ops.map((op, i) => {
          const id = `ed-fsop-${i}`
          const path = `workload.fs.ops[${i}]`
          const set = (next: FsOp) => setOps(replace(ops, i, next))
          return (
            <li key={i} className="ed-op" data-testid={id}>
              <span className="ed-index" aria-hidden="true">
                {i + 1}
              </span>
              <SelectInput compact hideLabel label={`file-system op ${i + 1}`} path={`${path}.op`} value={op.op as FsKind} options={FS_OPTIONS} onChange={(k) => set(retypeFs(op, k))} testId={`${id}-kind`} />
              <FsOpFields op={op} path={path} set={set} testId={id} />
              <RowTools what={`file-system op ${i + 1}`} index={i} count={ops.length} onMove={(delta) => setOps(move(ops, i, delta))} onRemove={() => setOps(remove(ops, i))} testId={id} />
            </li>
          )
        })}
      </ol>
      <button type="button" onClick={() => setOps([...ops, { op: 'sync', label: null }])} data-testid="ed-fs-add">
        + Add file-system op
      </button>
    </section>
  )
}

function JobCard({ job, j, count }: { job: FioJob; j: number; count: number }) {
  const path = `workload.jobs[${j}]`
  const set = (next: FioJob) => edit((d) => setWorkload(d, { jobs: replace(d.config.workload.jobs, j, next) }))
  const int = (field: 'iodepth' | 'requests' | 'fsync' | 'bs' | 'size' | 'offset', label: string, min: number, max: number) => (
    <IntInput compact label={label} path={`${path}.${field}`} value={job[field]} min={min} max={max} range={false} onChange={(v) => set({ ...job, [field]: v })} testId={`ed-job-${j}-${field}`} />
  )
  return (
    <li className="ed-job" data-testid={`ed-job-${j}`}>
      <div className="ed-list-head">
        <TextInput compact label="job" path={`${path}.name`} value={job.name} size={8} onChange={(name) => set({ ...job, name })} testId={`ed-job-${j}-name`} />
        <RowTools what={`job ${job.name}`} index={j} count={count} onMove={(delta) => edit((d) => setWorkload(d, { jobs: move(d.config.workload.jobs, j, delta) }))} onRemove={() => edit((d) => setWorkload(d, { jobs: remove(d.config.workload.jobs, j) }))} testId={`ed-job-${j}`} />
      </div>
      <div className="ed-job-fields">
        <SelectInput compact label="rw" path={`${path}.rw`} value={job.rw} options={FIO_PATTERNS.map((p) => [p, p] as const)} onChange={(rw) => set({ ...job, rw })} testId={`ed-job-${j}-rw`} />
        <SelectInput compact label="ioengine" path={`${path}.ioengine`} value={job.ioengine} options={FIO_ENGINES.map((e) => [e, e] as const)} onChange={(ioengine) => set({ ...job, ioengine })} testId={`ed-job-${j}-ioengine`} />
        {int('iodepth', 'iodepth', 1, 4096)}
        {int('requests', 'I/Os', 1, 10_000_000)}
        {int('bs', 'bs (blocks)', 1, 2 ** 24)}
        {int('size', 'size (blocks)', 1, 2 ** 24)}
        {int('offset', 'offset (blocks)', 0, 2 ** 24)}
        {int('fsync', 'fsync every', 0, 10_000_000)}
        <BoolInput label="O_DIRECT" path={`${path}.direct`} value={job.direct} onChange={(direct) => set({ ...job, direct })} testId={`ed-job-${j}-direct`} />
        <BoolInput label="DRAIN" note="io_uring" path={`${path}.drain`} value={job.drain} onChange={(drain) => set({ ...job, drain })} testId={`ed-job-${j}-drain`} />
      </div>
    </li>
  )
}

/** Threads, the file system's ops and the jobs of the draft, with buttons to add more. */
export function WorkloadLists() {
  const work = useEditor((s) => s.draft?.config.workload)
  if (!work) return null
  return (
    <div className="ed-workload" data-testid="ed-workload">
      {work.threads.map((t, i) => (
        <ThreadOps key={i} thread={t} t={i} />
      ))}
      {work.fs && <FsOps ops={work.fs.ops} />}
      {work.jobs.length > 0 && (
        <section className="ed-list" aria-label="fio-like jobs">
          <div className="ed-list-head">
            <h4>fio-like jobs</h4>
          </div>
          <ol className="ed-jobs">
            {work.jobs.map((j, i) => (
              <JobCard key={i} job={j} j={i} count={work.jobs.length} />
            ))}
          </ol>
        </section>
      )}
      <div className="ed-add">
        <button type="button" onClick={() => edit((d) => setWorkload(d, { threads: [...d.config.workload.threads, { name: freshName([...d.config.workload.threads, ...d.config.workload.jobs].map((x) => x.name), 'guest'), cgroup: 'root', ops: [NEW_OP] }] }))} data-testid="ed-add-thread">
          + Add thread
        </button>
        <button type="button" onClick={() => edit((d) => setWorkload(d, { jobs: [...d.config.workload.jobs, newJob(freshName([...d.config.workload.threads, ...d.config.workload.jobs].map((x) => x.name), 'job'))] }))} data-testid="ed-add-job">
          + Add job
        </button>
      </div>
      <p className="hint">Files present at the start, outside events at a time and durability expectations are edited in the text.</p>
    </div>
  )
}
