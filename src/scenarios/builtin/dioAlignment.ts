/** Seed: 2015 DIO/AIO patchset for loop (Ming Lei); lo_can_use_dio() in drivers/block/loop.c. */
export const dioAlignment = {
  loopscope: 1,
  id: 'dio-alignment',
  title: 'When loop can use direct I/O',
  summary:
    'A 512-byte loop over a backing file with a 4096-byte minimum DIO size: DIO is silently off and LOOP_SET_DIRECT_IO fails with -EINVAL. With 4096-byte blocks it is on; switching at run time fsyncs and freezes first.',
  source:
    '2015 linux-kernel, "[PATCH v6 0/5] block: loop: improve loop with AIO"; lo_can_use_dio(), loop_set_dio()',
  seed: 1,
  narration: [
    {
      at: { event: 'dio-mode', nth: 1 },
      text: "At setup loop decides whether it can do direct I/O: its logical block size must be at least the backing file's minimum DIO size, and lo_offset aligned. If not, DIO is dropped without a word.",
      kernel: 'lo_can_use_dio(), loop_update_dio()',
    },
    {
      at: { event: 'ioctl', nth: 1 },
      text: 'LOOP_SET_DIRECT_IO(1): refused with -EINVAL when DIO cannot be used; otherwise loop fsyncs the backing file, freezes the queue and switches.',
      kernel: 'loop_set_dio()',
    },
    {
      at: { event: 'freeze', nth: 1 },
      only: ['runtime-switch'],
      text: 'The queue freezes: requests already inside finish before the switch, so no request runs half in one mode and half in the other.',
      kernel: 'blk_mq_freeze_queue()',
    },
    { at: { at: 'end' }, text: 'Compare dio_effective in the metrics of each variant.' },
  ],
  stack: {
    deviceBlocks: 64,
    loop: { directIo: true, logicalBlockSize: 512 },
    backing: { minDioSize: 4096 },
  },
  workload: {
    threads: [
      {
        name: 'guest',
        ops: [
          { op: 'write', block: 1 },
          { op: 'write', block: 2, wait: true },
          { op: 'set_direct_io', on: true },
          { op: 'write', block: 3, wait: true },
        ],
      },
    ],
  },
  variants: [
    {
      id: 'bs512',
      title: '512-byte loop blocks',
      summary: 'DIO requested but silently disabled.',
      patch: {},
    },
    {
      id: 'bs4096',
      title: '4096-byte loop blocks',
      summary: 'DIO in effect from the start.',
      patch: { stack: { loop: { logicalBlockSize: 4096 } } },
    },
    {
      id: 'runtime-switch',
      title: 'Switch to DIO at run time',
      summary:
        'Start buffered with 4096-byte blocks, then LOOP_SET_DIRECT_IO(1): fsync, freeze, switch.',
      patch: { stack: { loop: { logicalBlockSize: 4096, directIo: false } } },
    },
  ],
}
