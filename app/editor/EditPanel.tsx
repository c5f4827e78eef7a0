/**
 * The Edit tab: the run on screen (the scenario merged with the variant in view) as a form, as
 * operation lists and as compact text, kept in step. Apply makes an edited scenario document and
 * opens its share link (`#s=`), so the engine re-runs it and every view follows; Back returns
 * to the scenario as it was.
 */
import { useEffect } from 'react'
import { resolveScenario } from '../../src/scenarios'
import { editedScenario } from '../../src/scenarios/edited'
import { encodeScenario, MAX_LINK_CHARS } from '../../src/share/link'
import type { ScenarioRoute } from '../route/address'
import { scenarioOf } from '../route/scenarioOf'
import { navigate } from '../route/useAddressSync'
import { useApp, useStoreApi } from '../store/context'
import { CompactText } from './CompactText'
import { changed, editorStore, useEditor } from './editorStore'
import { StackForm } from './StackForm'
import { WorkloadLists } from './WorkloadLists'
import './Editor.css'

/** Makes the edited document and navigates to it; false when the draft cannot be applied. */
function apply(route: ScenarioRoute): boolean {
  const store = editorStore.getState()
  if (store.textDirty && !store.readText()) return false
  const { draft, textErrors } = editorStore.getState()
  const entry = scenarioOf(route)
  if (!draft || textErrors.length > 0 || !entry.ok || !changed(editorStore.getState())) return false
  const variant = route.variant ?? entry.meta.variants[0]?.id ?? 'default'
  const r = editedScenario(entry.file, variant, draft)
  if (!r.ok) {
    editorStore.getState().setProblems(r.errors)
    return false
  }
  const s = encodeScenario(r.value)
  if (s.length > MAX_LINK_CHARS) {
    editorStore.getState().setProblems([{ path: '', message: `the edited scenario needs a link of ${s.length} characters; links hold at most ${MAX_LINK_CHARS}` }])
    return false
  }
  navigate({ ...route, scenario: r.value.id, shared: { s, file: r.value }, variant: null, compare: null, at: null, panel: 'edit', walk: false })
  return true
}

/** Opens the draft for the run on screen (once per scenario and variant); its key, or null. */
function useOpenDraft(route: ScenarioRoute): string | null {
  const store = useStoreApi()
  const entry = scenarioOf(route)
  const variant = entry.ok ? (route.variant ?? entry.meta.variants[0]?.id ?? null) : null
  const key = entry.ok ? `${route.shared?.s ?? route.scenario}/${variant ?? ''}` : null
  useEffect(() => {
    const r = store.getState().route
    if (key === null || r.screen !== 'scenario') return
    const opened = scenarioOf(r)
    if (!opened.ok) return
    const resolved = resolveScenario(opened.file, variant ?? undefined)
    if (resolved.ok) editorStore.getState().open(key, { seed: resolved.value.seed, config: resolved.value.config })
  }, [store, key, variant])
  return key
}

export function EditPanel() {
  const route = useApp((s) => s.route)
  const scenario = route.screen === 'scenario' ? route : null
  if (!scenario) return null
  return <Editor route={scenario} />
}

function Editor({ route }: { route: ScenarioRoute }) {
  const key = useOpenDraft(route)
  const ready = useEditor((s) => s.key === key && s.draft !== null)
  const isChanged = useEditor(changed)
  const problems = useEditor((s) => s.problems)
  const textErrors = useEditor((s) => s.textErrors.length)
  if (!ready) return <p className="hint">Reading the scenario…</p>
  const blocked = problems.length > 0 || textErrors > 0
  const onApply = () => apply(route)
  return (
    <div
      className="editor"
      data-testid="edit-panel"
      onKeyDown={(e) => {
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.defaultPrevented) {
          e.preventDefault()
          onApply()
        }
      }}
    >
      <p className="hint">
        Edit the run on screen. <strong>Apply</strong> (Ctrl+Enter) runs the engine again and gives the edit its own link; Back returns to the scenario as it was.
      </p>
      <div className="ed-actions">
        <button type="button" className="primary" onClick={onApply} disabled={!isChanged} data-testid="ed-apply" title="Run the edited scenario (Ctrl+Enter)">
          Apply
        </button>
        <button type="button" onClick={() => editorStore.getState().reset()} disabled={!isChanged && !blocked} data-testid="ed-reset" title="Back to the run on screen">
          Reset
        </button>
        <span className="ed-status" role="status" data-testid="ed-status">
          {textErrors > 0 ? 'The text has a mistake' : problems.length > 0 ? `${problems.length} problem${problems.length === 1 ? '' : 's'} to fix` : isChanged ? 'Changed, not applied' : 'As on screen'}
        </span>
      </div>
      <Unplaced />
      <CompactText onApply={onApply} />
      <details open className="ed-section">
        <summary>Stack settings</summary>
        <StackForm />
      </details>
      <details open className="ed-section">
        <summary>Workload</summary>
        <WorkloadLists />
      </details>
    </div>
  )
}

/** The draft's problems by path, also those of fields only the text holds. */
function Unplaced() {
  const problems = useEditor((s) => s.problems)
  if (problems.length === 0) return null
  return (
    <ul className="ed-unplaced" aria-label="Problems in the draft" data-testid="ed-problems">
      {problems.slice(0, 5).map((p, i) => (
        <li key={i}>
          <code>{p.path || 'scenario'}</code> {p.message}
        </li>
      ))}
    </ul>
  )
}
