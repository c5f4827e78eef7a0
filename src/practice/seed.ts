/** Practice seeds: whole numbers from 0 to 2^31 − 1 (what a 32-bit signed integer holds, in every tool). */
export const MAX_PRACTICE_SEED = 2 ** 31 - 1

export function isPracticeSeed(seed: number): boolean {
  return Number.isInteger(seed) && seed >= 0 && seed <= MAX_PRACTICE_SEED
}
