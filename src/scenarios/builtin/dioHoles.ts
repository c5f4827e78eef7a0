/** Seeds: 2009 ext4 DIO into holes thread; 2003 AIO-DIO stale data thread. */
export const dioHoles = {
  loopscope: 1,
  id: 'dio-holes',
  title: 'Direct I/O into holes of a sparse image',
  summary:
    'DIO into holes allocates unwritten extents, converted at end_io; a crash before the host commit shows zeros, never stale data. fsync does not wait for AIO in flight. The 2003-era mode maps blocks before their data lands.',
  source:
    '2009 linux-ext4 DIO into holes thread; 2003 "AIO-DIO" retry discussion; fs/iomap/direct-io.c, ext4_dio_write_end_io()',
  seed: 1,
  narration: [
    {
      at: { label: 'data', on: 'submit' },
      only: ['modern', 'aio-fsync-inflight'],
      text: 'Direct writes into holes of a sparse image: the host file system allocates unwritten extents before the data goes out.',
      kernel: 'ext4_dio_write_iter(), IOMAP_DIO_UNWRITTEN',
    },
    {
      at: { label: 'data', on: 'submit' },
      only: ['legacy-2003'],
      text: 'In the 2003-era mode the host maps the blocks as written before their data has been written.',
      kernel: '2003 AIO-DIO retry discussion',
    },
    {
      at: { label: 'data', on: 'complete' },
      text: 'The write completed: end_io converted the extents to written, in a host transaction not yet committed.',
      kernel: 'iomap_dio_complete_work(), ext4_dio_write_end_io()',
    },
    {
      at: { label: 'f2', on: 'submit' },
      only: ['modern', 'legacy-2003'],
      text: 'A flush goes out while "late" is still in flight. The fsync it causes commits the host journal but does not wait for the direct write.',
      kernel: 'ext4_sync_file(): no inode_dio_wait()',
    },
    {
      at: { label: 'f1', on: 'complete' },
      question: { kind: 'which-images', model: 'power-loss', prompt: 'Which of these images can a power loss right now leave?' },
      text: 'The flush completed.',
    },
  ],
  stack: {
    deviceBlocks: 256,
    loop: { directIo: true, logicalBlockSize: 4096 },
    backing: { allocated: 'none' },
  },
  workload: {
    threads: [
      {
        name: 'guest',
        ops: [
          { op: 'write', block: 16, count: 4, label: 'data' },
          { op: 'wait' },
          { op: 'flush', wait: true, label: 'f1' },
          // The flush goes out while 'late' is still in flight: its fsync commits the allocation.
          { op: 'write', block: 40, count: 16, label: 'late' },
          { op: 'flush', wait: true, label: 'f2' },
          { op: 'wait' },
          { op: 'sleep', time: '6s' },
        ],
      },
    ],
  },
  variants: [
    {
      id: 'modern',
      title: 'Unwritten extents',
      summary: 'Mainline iomap/ext4 behaviour.',
      patch: {},
    },
    {
      id: 'aio-fsync-inflight',
      title: 'fsync with AIO in flight',
      summary:
        'The flush is submitted while the write is still in flight, so it does not cover it.',
      patch: {
        workload: {
          threads: [
            {
              name: 'guest',
              ops: [
                { op: 'write', block: 16, count: 4, label: 'data' },
                { op: 'flush', wait: true, label: 'f1' },
                { op: 'wait' },
              ],
            },
          ],
        },
      },
    },
    {
      id: 'legacy-2003',
      title: '2003-era DIO',
      summary: 'The mapping is made visible before the data is written.',
      patch: { stack: { hostFs: { legacyStaleData: true } } },
    },
  ],
}
