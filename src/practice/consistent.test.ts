/**
 * A "consistent" verdict does not hide what the image shows: seed 17's state passes every fsck
 * rule, yet the old entry 'b' names inode 12, which `touch c` had reused. The reason says so, and
 * says why fsck cannot tell.
 */
import { describe, expect, it } from 'vitest'
import { makeProblem } from './problem'

describe('consistent problems', () => {
  it('seed 17: consistent, and the reason names the entry that points at a reused inode', () => {
    const p = makeProblem(17, 'consistent')
    const a = p.answers.find((x) => x.id === 'A')
    expect(a?.correct).toBe(true)
    expect(a?.reason).toContain(
      "fsck then finds nothing wrong, though the entry 'b' names inode 12, which now holds another file, 'c' (generation 4): a directory entry records no generation, so no fsck rule can tell",
    )
  })
})
