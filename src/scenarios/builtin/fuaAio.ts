/** Seed: 2012-12 lkml, Dave Chinner on "[PATCH v4 16/31] loop: use aio to perform io on the underlying file". */
export const fuaAio = {
  loopscope: 1,
  id: 'fua-aio',
  title: 'FUA through loop with AIO',
  summary:
    'A FUA write through loop in DIO mode. Mainline never advertises FUA, so the block layer posts a flush (fsync) after the AIO completes; the 2012 proposal acknowledged FUA at AIO completion without fdatasync.',
  source:
    '2012-12 lkml, "Re: [PATCH v4 16/31] loop: use aio to perform io on the underlying file"; block/blk-flush.c',
  seed: 1,
  stack: { deviceBlocks: 64, loop: { directIo: true, logicalBlockSize: 4096 } },
  workload: {
    threads: [
      { name: 'guest', ops: [{ op: 'write', block: 7, fua: true, wait: true, label: 'w' }] },
    ],
  },
  variants: [
    {
      id: 'mainline',
      title: 'Mainline loop',
      summary: 'Write cache advertised, FUA emulated by a post-flush.',
      patch: {},
    },
    {
      id: 'proposal-2012',
      title: 'The 2012 proposal',
      summary: 'Loop advertises FUA and completes it when the AIO completes.',
      patch: { stack: { loop: { mode: 'proposal-2012' } } },
    },
  ],
}
