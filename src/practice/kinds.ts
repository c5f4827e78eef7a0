/**
 * The kinds of practice problem. Their names appear in addresses (`#practice=7&kind=reverse`) and
 * on the command line (`problem --seed 7 --kind reverse`), so they never change once published.
 */
export const PRACTICE_KINDS = [
  /** Which of these disk images can a crash at this instant leave? */
  'which-images',
  /** Is this crash state consistent, and if not, why not? */
  'consistent',
  /** Given this disk image, which instants could have produced it? */
  'reverse',
] as const

export type PracticeKind = (typeof PRACTICE_KINDS)[number]
