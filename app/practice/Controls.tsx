import { useState, type FormEvent } from 'react'
import { PRACTICE_KINDS, type PracticeKind } from '../../src/practice/kinds'
import { MAX_PRACTICE_SEED } from '../../src/practice/seed'
import { navigate } from '../route/useAddressSync'

export const KIND_NAMES: Record<PracticeKind, string> = {
  'which-images': 'Which images can a crash leave?',
  consistent: 'Is this state consistent?',
  reverse: 'Which instants could have left this image?',
}

const go = (seed: number, kind: PracticeKind | null) => navigate({ screen: 'practice', seed, kind })

/** Seed field, kind selector and "Next problem": each change is a new address (#practice=seed&kind=). */
export function Controls({ seed, kind }: { seed: number; kind: PracticeKind | null }) {
  const [text, setText] = useState(String(seed))
  const [shown, setShown] = useState(seed)
  // The address moved (Next, Back, a typed address): the field follows it.
  if (shown !== seed) {
    setShown(seed)
    setText(String(seed))
  }
  const valid = /^\d{1,10}$/.test(text) && Number(text) <= MAX_PRACTICE_SEED
  const submit = (e: FormEvent) => {
    e.preventDefault()
    if (valid) go(Number(text), kind)
  }
  return (
    <form className="pr-controls" onSubmit={submit} aria-label="Choose a problem">
      <label>
        <span>Seed</span>
        <input
          type="text"
          inputMode="numeric"
          value={text}
          onChange={(e) => setText(e.target.value.trim())}
          aria-invalid={!valid}
          aria-describedby="pr-seed-help"
          size={11}
          data-testid="practice-seed"
        />
      </label>
      <button type="submit" disabled={!valid}>
        Open
      </button>
      <span id="pr-seed-help" className={valid ? 'sr-only' : 'pr-seed-error'}>
        {valid
          ? `A whole number from 0 to ${MAX_PRACTICE_SEED}.`
          : `The seed is a whole number from 0 to ${MAX_PRACTICE_SEED}.`}
      </span>
      <label>
        <span>Kind</span>
        <select
          value={kind ?? ''}
          onChange={(e) =>
            go(seed, e.target.value === '' ? null : (e.target.value as PracticeKind))
          }
          data-testid="practice-kind"
        >
          <option value="">Any: the seed picks</option>
          {PRACTICE_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_NAMES[k]}
            </option>
          ))}
        </select>
      </label>
      <button
        type="button"
        className="primary"
        onClick={() => go(seed >= MAX_PRACTICE_SEED ? 0 : seed + 1, kind)}
        data-testid="practice-next"
      >
        Next problem →
      </button>
    </form>
  )
}
