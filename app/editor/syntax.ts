/**
 * The cheat sheet under the compact text: examples (pieces joined by " · ") and what they say.
 * syntax.test.ts reads every piece with the real parser.
 */
export const SYNTAX: readonly (readonly [string, string])[] = [
  ['seed 3 · device 64', 'the seed; the device size in 4 KiB blocks'],
  ['loop proposal-2012 dio lbs=4096 qd=8', 'stack settings, a line per layer: loop backing guestcache hostcache hostfs disk crypt timing'],
  ['thread guest: w 16+4 fua wait @a, flush wait @f', 'a thread: write blocks 16–19 with FUA, wait for it, call it a; then a flush'],
  ['r 3 · discard 0+8 · zero 5 unmap · wait · sleep 1ms · dio on', 'other ops (wait alone: everything in flight)'],
  ['files a=2 · fs barrier-assumed: unlink a @rm, sync', 'a guest file system: files at the start, its ops'],
  ['job w randwrite size=256k iodepth=16 libaio ios=200', 'a fio-like job'],
  ['at 5ms power-loss · expect f: a', 'an event at a time; once f completed, a must be durable'],
]
