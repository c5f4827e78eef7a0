/** Seeds: 2022-03 linux-block flush thread; 2015 loop AIO patchset. */
export const aioOrder = {
  loopscope: 1,
  id: 'aio-order',
  title: 'Submission order is not completion order',
  summary:
    'Writes submitted in order complete in any order; two cgroups get two loop workers that interleave; a flush runs on the root worker beside data on a cgroup worker; io_uring DRAIN restores the order an fsync needs.',
  source:
    '2022-03 linux-block, "loop: it looks like REQ_OP_FLUSH could return before IO completion"; drivers/block/loop.c loop_queue_work()',
  seed: 2,
  narration: [
    {
      at: { event: 'worker-wake', nth: 1 },
      text: 'Writes go out many at a time; loop submits each as an asynchronous direct write and moves on, and they complete in whatever order the disk finishes them.',
      kernel: 'lo_rw_aio(), ki_complete',
    },
    {
      at: { event: 'flush-issue', nth: 1 },
      text: 'An fsync reaches the block layer. From libaio it is not ordered after the writes still in flight; with io_uring DRAIN it goes out only after all of them completed. It runs on the root worker, beside data on cgroup workers.',
      kernel: 'IOSQE_IO_DRAIN; loop_queue_work()',
    },
    { at: { at: 'end' }, text: 'The run is over.', question: { kind: 'count', model: 'power-loss', prompt: 'How many distinct images can a power loss at the end of the run leave?' } },
  ],
  stack: { deviceBlocks: 4096, loop: { directIo: true, logicalBlockSize: 4096 } },
  workload: {
    jobs: [
      {
        name: 'writer',
        rw: 'randwrite',
        bs: '4k',
        size: '16MiB',
        iodepth: 16,
        ioengine: 'libaio',
        requests: 200,
        fsync: 50,
      },
    ],
  },
  variants: [
    {
      id: 'libaio',
      title: 'libaio',
      summary: 'fsync submitted with writes still in flight.',
      patch: {},
    },
    {
      id: 'cgroup-workers',
      title: 'Two cgroups',
      summary:
        'Two jobs in different cgroups: one loop worker each, plus the root worker for flushes.',
      patch: {
        workload: {
          jobs: [
            {
              name: 'a',
              cgroup: 'a',
              rw: 'randwrite',
              bs: '4k',
              size: '8MiB',
              iodepth: 8,
              ioengine: 'libaio',
              requests: 150,
              fsync: 50,
            },
            {
              name: 'b',
              cgroup: 'b',
              rw: 'randwrite',
              bs: '4k',
              offset: '8MiB',
              size: '8MiB',
              iodepth: 8,
              ioengine: 'libaio',
              requests: 150,
            },
          ],
        },
      },
    },
    {
      id: 'io_uring-drain',
      title: 'io_uring with DRAIN',
      summary:
        'The fsync carries IOSQE_IO_DRAIN: it is issued only after every earlier write completed.',
      patch: {
        workload: {
          jobs: [
            {
              name: 'writer',
              rw: 'randwrite',
              bs: '4k',
              size: '16MiB',
              iodepth: 16,
              ioengine: 'io_uring',
              drain: true,
              requests: 200,
              fsync: 50,
            },
          ],
        },
      },
    },
  ],
}
