/** Seed: 2015 linux-kernel, Ming Lei's "block: loop: improve loop with AIO" patchset (memory and context switches). */
export const doubleCache = {
  loopscope: 1,
  id: 'double-cache',
  title: 'Double caching: buffered loop vs DIO',
  summary:
    'fio-like jobs through the guest page cache over loop. Buffered loop keeps the data again in the host page cache; DIO keeps it once. Compare memory, worker wake-ups and IOPS.',
  source:
    '2015 linux-kernel, "[PATCH v6 0/5] block: loop: improve loop with AIO" (memory: more than 55% vs about 10%)',
  seed: 1,
  narration: [
    { at: { at: 'start' }, text: 'Five fio-like jobs run at once through the guest page cache: four sequential readers, and a random writer that fsyncs every 1,000 writes.' },
    {
      at: { event: 'worker-wake', nth: 1 },
      text: 'The loop worker wakes for its first request. Buffered, it copies each block into the host page cache; with DIO it submits an asynchronous direct write and moves on.',
      kernel: 'lo_rw_aio(): IOCB_DIRECT or a synchronous kiocb',
    },
    { at: { at: 'end' }, text: 'Compare the peaks: buffered keeps every block twice, once in each page cache; DIO keeps it only in the guest. Compare the worker wake-ups too: a buffered worker sleeps on every read miss, a DIO worker submits and moves on.', kernel: 'bc07c10a3603 "block: loop: support DIO & AIO"' },
  ],
  stack: {
    deviceBlocks: 102400,
    loop: { logicalBlockSize: 4096 },
    hostCache: { memoryBytes: '1GiB' },
    guestCache: { memoryBytes: '512MiB' },
  },
  workload: {
    // Several jobs at once, as in the 2015 measurements (16 jobs there): the loop worker sees a queue.
    jobs: [
      { name: 'read1', rw: 'read', bs: '4k', size: '50MiB', direct: false, ioengine: 'psync', requests: 10000 },
      { name: 'read2', rw: 'read', bs: '4k', offset: '50MiB', size: '50MiB', direct: false, ioengine: 'psync', requests: 10000 },
      { name: 'read3', rw: 'read', bs: '4k', offset: '100MiB', size: '50MiB', direct: false, ioengine: 'psync', requests: 10000 },
      { name: 'read4', rw: 'read', bs: '4k', offset: '150MiB', size: '50MiB', direct: false, ioengine: 'psync', requests: 10000 },
      { name: 'randwrite', rw: 'randwrite', bs: '4k', offset: '200MiB', size: '200MiB', direct: false, ioengine: 'psync', requests: 20000, fsync: 1000 },
    ],
  },
  variants: [
    {
      id: 'buffered',
      title: 'Buffered loop',
      summary: 'Loop copies into the host page cache.',
      patch: {},
    },
    {
      id: 'dio',
      title: 'DIO loop',
      summary: 'Loop bypasses the host page cache.',
      patch: { stack: { loop: { directIo: true } } },
    },
  ],
}
