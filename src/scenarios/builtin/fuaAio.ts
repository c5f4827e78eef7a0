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
  narration: [
    {
      at: { label: 'w', on: 'submit' },
      only: ['mainline'],
      text: 'The guest writes w with FUA. Loop never advertises FUA, so the block layer sends the write and, once it has completed, a flush.',
      kernel: 'blk_insert_flush(): REQ_FSEQ_DATA | REQ_FSEQ_POSTFLUSH',
    },
    {
      at: { label: 'w', on: 'submit' },
      only: ['proposal-2012'],
      text: 'In the 2012 proposal loop advertised FUA: the write went down as it was, and loop completed it when the AIO completed.',
      kernel: 'lo_rw_aio_complete() in "[PATCH v4 16/31] loop: use aio"',
    },
    {
      at: { event: 'flush-issue', nth: 1 },
      only: ['mainline'],
      text: "The post-flush goes out only now, after the write's AIO completed; loop runs it as vfs_fsync of the backing file.",
      kernel: 'mq_flush_data_end_io(), lo_req_flush()',
    },
    {
      at: { label: 'w', on: 'complete' },
      text: 'The guest sees the FUA write complete.',
      question: { kind: 'durable', label: 'w', prompt: 'Is w guaranteed to survive a power loss now?' },
    },
  ],
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
