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
