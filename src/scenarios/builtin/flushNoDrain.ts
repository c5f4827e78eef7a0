/** Seed: 2022-03 linux-block thread "loop: it looks like REQ_OP_FLUSH could return before IO completion". */
export const flushNoDrain = {
  loopscope: 1,
  id: 'flush-no-drain',
  title: 'A flush does not wait for writes in flight',
  summary:
    'Write a, write b, then flush without waiting: the flush covers only writes that had completed when it was submitted. Waiting for completion first is the only ordering there is.',
  source:
    '2022-03 linux-block, "loop: it looks like REQ_OP_FLUSH could return before IO completion"; Documentation/block/writeback_cache_control.rst',
  seed: 3,
  narration: [
    { at: { label: 'a', on: 'submit' }, text: 'The guest submits write a, then write b, and does not wait for either.', kernel: 'submit_bio' },
    {
      at: { label: 'f', on: 'submit' },
      only: ['no-wait'],
      text: 'The flush goes out while a and b may still be in flight. A flush covers only the writes that had completed when it was submitted, and the block layer does not drain.',
      kernel: 'Documentation/block/writeback_cache_control.rst; blk_insert_flush()',
    },
    {
      at: { label: 'f', on: 'submit' },
      only: ['wait-then-flush'],
      text: 'The guest waited: a and b completed before the flush was submitted, so the flush covers both.',
      kernel: 'Documentation/block/writeback_cache_control.rst',
    },
    {
      at: { label: 'f', on: 'complete' },
      text: 'The flush completed. The guest now believes a and b are on stable storage.',
      kernel: 'lo_req_flush() -> vfs_fsync()',
      question: { kind: 'which-images', model: 'power-loss', prompt: 'Which of these images can a power loss right now leave?' },
    },
    { at: { at: 'end' }, text: 'Is the belief true?', question: { kind: 'durable', label: 'b', prompt: 'Is b guaranteed to survive a power loss at the end of the run?' } },
  ],
  stack: { deviceBlocks: 64, loop: { directIo: true, logicalBlockSize: 4096 } },
  workload: {
    threads: [
      {
        name: 'guest',
        ops: [
          { op: 'write', block: 10, label: 'a' },
          { op: 'write', block: 20, label: 'b' },
          { op: 'flush', label: 'f', wait: true },
        ],
      },
    ],
    // What the guest believes a completed flush means: a and b are on stable storage.
    expectations: [{ after: 'f', durable: ['a', 'b'] }],
  },
  variants: [
    {
      id: 'no-wait',
      title: 'Flush right after submitting',
      summary: 'a and b may still be in flight when the flush is submitted.',
      patch: {},
    },
    {
      id: 'wait-then-flush',
      title: 'Wait, then flush',
      summary: 'The guest waits for a and b to complete before it submits the flush.',
      patch: {
        workload: {
          threads: [
            {
              name: 'guest',
              ops: [
                { op: 'write', block: 10, label: 'a' },
                { op: 'write', block: 20, label: 'b' },
                { op: 'wait' },
                { op: 'flush', label: 'f', wait: true },
              ],
            },
          ],
        },
      },
    },
  ],
}
