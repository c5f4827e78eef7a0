/**
 * The preset DEFLATE dictionary of link version 1: fragments that recur in scenario documents
 * (keys, values, the words of narration), so short links compress well. Links made with version 1
 * decode only with exactly these bytes: never edit this text; a new dictionary is a new link
 * version (link.ts LINK_DECODERS).
 */
import { strToU8 } from 'fflate'

const TEXT = [
  '{"loopscope":1,"id":"","title":"","summary":"","source":"","seed":1,"narration":[{"at":{"label":"","on":"submit"},"text":"The guest ',
  '","kernel":"","only":[""],"question":{"kind":"which-images","model":"power-loss","prompt":"Which of these images can a power loss right now leave?"}},',
  '{"at":{"label":"","on":"complete"},"text":"","question":{"kind":"durable","label":"","prompt":"Is  guaranteed to survive a power loss now?"}},',
  '{"at":{"event":"flush-issue","nth":1},{"at":{"firstBad":"power-loss"},{"at":{"at":"end"},"question":{"kind":"count","model":"atomic-snapshot","prompt":"How many distinct images can ',
  '"stack":{"deviceBlocks":64,"loop":{"directIo":true,"logicalBlockSize":4096,"mode":"mainline","writeCache":true},"disk":{"writeCache":true,"fua":false},"hostFs":{',
  '"workload":{"threads":[{"name":"guest","cgroup":"root","ops":[{"op":"write","block":0,"count":1,"fua":true,"preflush":true,"wait":true,"label":""},{"op":"flush","wait":true},{"op":"sleep","time":"1ms"}]}],',
  '"jobs":[{"name":"","rw":"randwrite","bs":"4k","size":"","offset":"","direct":true,"ioengine":"libaio","iodepth":32,"requests":1000,"fsync":1}],',
  '"fs":{"discipline":"jbd2","files":[{"path":"/a","blocks":1}],"ops":[{"op":"create","path":"/b"},{"op":"write","path":""},{"op":"fsync","path":""},{"op":"unlink","path":"/b"},{"op":"rename","from":"","to":""},{"op":"sync"}]},',
  '"events":[{"at":"5s","kind":"power_loss"},{"kind":"atomic_snapshot"},{"kind":"block_snapshot"},{"kind":"fuzzy_copy","order":"ascending"}],"expectations":[{"after":"","durable":[""]}]},',
  '"variants":[{"id":"","title":"","summary":"","patch":{"stack":{"loop":{"directIo":false}}}}]}',
  ' the journal commit block the host page cache the loop worker direct I/O buffered a flush FUA PREFLUSH write completes completed durable',
  ' is not yet on the disk write cache volatile media fsync of the backing file vfs_fsync lo_rw_aio blk_insert_flush jbd2 ext4 with without after before',
].join('')

export const LINK_V1_DICTIONARY: Uint8Array = strToU8(TEXT)
