import { MODELS, type Granularity, type ModelName } from '../../src/engine'
import type { RunView } from '../data/runView'
import { useApp } from '../store/context'
import { ExploreStatus } from './ExploreStatus'
import { formatCount, formatNs } from '../ui/format'
import { cancelCrash, cancelSurvey, useCrashHere, useSurvey } from './useCrash'

export const MODEL_LABELS: Record<ModelName, string> = {
  'power-loss': 'Host power loss',
  'atomic-snapshot': 'Atomic snapshot of the image file',
  'block-snapshot': 'Block snapshot of the host disk',
  'fuzzy-copy': 'Fuzzy copy of the image (cp while running)',
}

const GRANULARITY_LABELS: Record<Granularity, string> = { write: 'whole writes', sector: 'single sectors (torn writes)' }

/**
 * "What could a crash here leave?": pick a model and granularity, ask at the playhead (or click an
 * instant on the timeline), read the count and its formula, the verdicts, and open a state.
 */
export function CrashPanel({ run }: { run: RunView }) {
  const crash = useApp((s) => s.crash)
  const index = useApp((s) => s.index)
  const setCrash = useApp((s) => s.setCrash)
  const survey = useApp((s) => s.survey)
  const crashHere = useCrashHere()
  const startSurvey = useSurvey()
  const a = crash.answer
  return (
    <div className="crash" data-testid="crash-panel">
      <div className="crash-controls">
        <label>
          <span>Crash model</span>
          <select value={crash.model} onChange={(e) => setCrash({ model: e.target.value as ModelName })} data-testid="crash-model">
            {MODELS.map((m) => (
              <option key={m} value={m}>
                {MODEL_LABELS[m]}
              </option>
            ))}
          </select>
        </label>
        <label>
          <span>Granularity</span>
          <select value={crash.granularity} onChange={(e) => setCrash({ granularity: e.target.value as Granularity })} data-testid="crash-granularity">
            {(['write', 'sector'] as const).map((g) => (
              <option key={g} value={g}>
                {GRANULARITY_LABELS[g]}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="primary" onClick={() => crashHere(null)} data-testid="crash-here" title="Crash here (X)">
          ⚡ Crash here · event {index}
        </button>
      </div>
      <p className="hint">Or click any instant on the timeline with Alt held, or press X.</p>
      <ExploreStatus state={a} onCancel={cancelCrash} />
      {a.status === 'ready' && <Answer run={run} />}
      <section className="survey" aria-label="Bad instants">
        <h3>Where are the bad instants?</h3>
        <p className="hint">Explores many instants of the run quickly and marks the ones where a {MODEL_LABELS[crash.model].toLowerCase()} can leave an inconsistent state, on the strip above the timeline.</p>
        {survey.status === 'loading' ? (
          <div className="progress" role="status">
            <progress value={survey.progress?.checked ?? 0} max={survey.progress?.of || 1} />
            <span>{survey.progress ? `${survey.progress.checked} of ${survey.progress.of} instants` : 'Preparing…'}</span>
            <button type="button" onClick={cancelSurvey}>
              Cancel
            </button>
          </div>
        ) : (
          <button type="button" onClick={() => startSurvey(crash.model)} data-testid="survey" disabled={crash.model === 'fuzzy-copy'}>
            {crash.model === 'fuzzy-copy' ? 'A fuzzy copy is judged at its start: use Crash here' : 'Survey the run'}
          </button>
        )}
        {survey.status === 'ready' && (
          <p data-testid="survey-result">
            {(() => {
              const bad = survey.value.points.filter((p) => p.inconsistent > 0)
              return bad.length === 0
                ? `No bad state at any of ${survey.value.points.length} instants looked at (of ${survey.value.instants}).`
                : `${bad.length} of ${survey.value.points.length} instants looked at can leave a bad state; the first is event ${bad[0]?.event} (${formatNs(bad[0]?.t ?? 0)}).`
            })()}
          </p>
        )}
        {survey.status === 'error' && <p role="alert">{survey.message}</p>}
      </section>
    </div>
  )
}

function Answer({ run }: { run: RunView }) {
  const crash = useApp((s) => s.crash)
  const setCrash = useApp((s) => s.setCrash)
  const seek = useApp((s) => s.seek)
  if (crash.answer.status !== 'ready') return null
  const r = crash.answer.value
  return (
    <div className="answer-block" data-testid="crash-answer">
      <p className="count">
        <strong data-testid="crash-count">{formatCount(r.states_total)}</strong> possible {r.states_total === 1 ? 'state' : 'states'} at event{' '}
        <button type="button" className="link" onClick={() => seek(r.event)}>
          {r.event}
        </button>{' '}
        ({formatNs(r.t)})
      </p>
      <p className="formula" data-testid="crash-formula">
        {r.formula}
      </p>
      <p className="coverage">{r.coverage}</p>
      <p className={r.inconsistent > 0 ? 'verdict bad' : 'verdict good'} data-testid="crash-verdict">
        {r.inconsistent > 0 ? `✗ ${formatCount(r.inconsistent)} inconsistent distinct ${r.inconsistent === 1 ? 'state' : 'states'}` : '✓ every state is consistent'}
      </p>
      <ul className="verdicts" aria-label="Verdicts">
        {r.verdicts.map((v) => (
          <li key={v.category} className={v.category === 'consistent' ? 'good' : 'bad'}>
            <span className="v-count">{formatCount(v.states)}</span>
            <span className="v-cat">{v.category}</span>
            <span className="v-sentence">{v.sentence}</span>
          </li>
        ))}
      </ul>
      {r.examples.length > 0 && (
        <>
          <h3>Example states</h3>
          <ul className="examples">
            {r.examples.map((ex, i) => (
              <li key={i} className={ex.verdict === 'consistent' ? 'good' : 'bad'}>
                <button type="button" aria-pressed={crash.opened === i} onClick={() => setCrash({ opened: crash.opened === i ? null : i })} data-testid={`open-state-${i}`}>
                  {crash.opened === i ? 'Close' : 'Open'} state {i + 1}
                </button>
                <span className="ex-verdict">{ex.verdict}</span>
                <span className="ex-changed">{ex.changed.length === 0 ? 'same as the durable base' : `${ex.changed.length} block${ex.changed.length === 1 ? '' : 's'} differ from the durable base`}</span>
                {ex.findings.length > 0 && (
                  <ul className="findings">
                    {ex.findings.map((f, j) => (
                      <li key={j}>{f.sentence}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <p className="hint">Run: {run.p.scenario.id} / {run.p.variant}.</p>
    </div>
  )
}
