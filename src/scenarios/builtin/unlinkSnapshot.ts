/** Seed: 2022-03 linux-block thread "loop: it looks like REQ_OP_FLUSH could return before IO completion". */
export const unlinkSnapshot = {
  loopscope: 1,
  id: 'unlink-snapshot',
  title: 'rm /b in the guest while the host snapshots the image',
  summary:
    'A journaling guest removes /b. With jbd2 ordering, no crash or snapshot at any instant is inconsistent; with the pre-2010 belief that barriers order writes, a directory entry can point at a freed inode. A fuzzy copy breaks even jbd2.',
  source: '2022-03 linux-block, "loop: it looks like REQ_OP_FLUSH could return before IO completion"; fs/jbd2/commit.c',
  seed: 1,
  narration: [
    {
      at: { at: 'start' },
      text: 'The guest runs rm /b. The directory entry, the inode and the bitmaps change in the running journal transaction, in guest memory only: nothing reaches /dev/loop0 until the commit, up to 5 s later.',
      kernel: 'ext4_unlink(); jbd2 commit interval',
    },
    {
      at: { event: 'flush-issue', nth: 1 },
      only: ['jbd2', 'jbd2-dio', 'fuzzy-copy', 'crypt-reorder'],
      text: 'The journal commit: jbd2 wrote the journal blocks and waited for them; the commit block goes out with PREFLUSH|FUA, which loop runs as fsync, write, fsync. Only after it completes are the home blocks written.',
      kernel: 'jbd2_journal_commit_transaction(), journal_submit_commit_record()',
      question: { kind: 'which-images', model: 'power-loss', prompt: 'Which of these images can a power loss right now leave?' },
    },
    {
      at: { event: 'flush-issue', nth: 1 },
      only: ['barrier-assumed'],
      text: 'This guest believes a flush orders writes: it sends the commit block and the checkpoint writes right behind the journal blocks, without waiting for any of them.',
      kernel: '28e7d1845216 "block: drop barrier ordering by queue draining" (2010)',
    },
    {
      at: { firstBad: 'power-loss' },
      only: ['barrier-assumed'],
      text: 'The first instant at which a power loss can leave a broken file system: checkpoint writes are in flight while the commit block is not yet durable.',
      question: { kind: 'which-images', model: 'power-loss', prompt: 'Which of these images can a power loss right now leave?' },
    },
    { at: { label: 'rm', on: 'complete' }, text: "The commit block of the unlink's transaction completed: the unlink is durable." },
    {
      at: { label: 'sync', on: 'complete' },
      text: 'sync returned: the unlink is committed and its home blocks are written.',
      question: { kind: 'count', model: 'atomic-snapshot', prompt: 'How many distinct images can an atomic snapshot of the backing file taken now contain?' },
    },
  ],
  stack: { deviceBlocks: 128 },
  workload: {
    fs: {
      discipline: 'jbd2',
      files: [
        { name: 'a', blocks: 2 },
        { name: 'b', blocks: 2 },
      ],
      ops: [
        { op: 'unlink', name: 'b', label: 'rm' },
        { op: 'sleep', time: '6s' },
        { op: 'sync', label: 'sync' },
      ],
    },
  },
  variants: [
    { id: 'jbd2', title: 'jbd2, buffered loop', summary: 'The commit waits for the journal blocks; loop copies into the host page cache.', patch: {} },
    { id: 'jbd2-dio', title: 'jbd2, DIO loop', summary: 'The same guest over a loop device doing direct I/O.', patch: { stack: { loop: { directIo: true, logicalBlockSize: 4096 } } } },
    {
      id: 'barrier-assumed',
      title: 'Barriers assumed to order',
      summary: 'The guest submits the commit block and the checkpoint right after the flush, without waiting.',
      patch: { workload: { fs: { discipline: 'barrier-assumed' } } },
    },
    {
      id: 'fuzzy-copy',
      title: 'A fuzzy copy of the image',
      summary: 'The host copies the backing file block by block, high blocks first, while the guest runs.',
      patch: { events: [{ at: '4.9s', kind: 'fuzzy-copy', order: 'descending', perBlock: '1ms' }] },
    },
    {
      id: 'crypt-reorder',
      title: 'A dm-crypt-like layer that reorders',
      summary: 'Host writes overtake one another in flight; flushes are still honoured.',
      patch: { stack: { crypt: { enabled: true, maxDelay: '500us' } } },
    },
  ],
}
