/**
 * The guest journaling file system (design §2 item 2) and its consistency checker
 * (reference/crash-model.md §4.5). The stack runs FsRunner when a workload has `fs`; a run's
 * RunResult.fs holds what the checker needs to judge any image of /dev/loop0.
 */
export { checkImage, inspectImage, sortFindings, CATEGORIES, type Finding, type CheckOptions, type Inspection } from './check'
export type { BlockContent, Inode } from './content'
export type { TxnRecord } from './commit'
export type { ImageFn } from './image'
export { fsLayout, fsConfigProblems, type FsLayout } from './layout'
export type { Recovery } from './recovery'
export { reusedInodeNotes } from './reuse'
export { completedWritesImage } from './snapshot'
export type { FsPromise, FsResult, OpDone } from './types'
