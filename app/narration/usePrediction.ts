import { useApp } from '../store/context'
import { NO_PICKS } from './prediction'

/**
 * A narration question's prediction and reveal, kept in the page's store so the side panel and the
 * walkthrough show the same picks and the same revealed answers.
 */
export function usePrediction(step: number) {
  const picked = useApp((s) => s.predictions.get(step) ?? NO_PICKS)
  const revealed = useApp((s) => s.revealed.has(step))
  const predict = useApp((s) => s.predict)
  const reveal = useApp((s) => s.reveal)
  return {
    picked,
    revealed,
    pick: (choice: number) => predict(step, choice),
    reveal: () => reveal(step),
  }
}
