/** Each kind of mistake in compact text gets a message that says what was expected, and where. */
import { describe, expect, it } from 'vitest'
import { parseCompact } from './index'

/** "line:column message" of each error. */
function errorsOf(text: string): string[] {
  const r = parseCompact(text)
  return r.ok ? [] : r.errors.map((e) => `${e.line}:${e.column} ${e.message}`)
}

describe('syntax', () => {
  it.each([
    [
      'unknown statement',
      'sleeep 5',
      '1:1 unknown statement "sleeep"; expected one of seed, limits, device, loop, backing, guestcache, guestblk, hostcache, hostfs, crypt, disk, timing, files, fs, thread, job, at, expect',
    ],
    [
      'an op outside a thread',
      'w 1',
      '1:1 "w" is an op; ops go in a thread, like "thread guest: w 0"',
    ],
    [
      'unknown op',
      'thread guest: wr 10',
      '1:15 unknown op "wr" (did you mean "w"?); expected one of w, r, discard, zero, flush, wait, sleep, dio, power-loss, atomic-snapshot, block-snapshot, fuzzy-copy',
    ],
    [
      'unknown file-system op',
      'fs: rm a',
      '1:5 unknown file-system op "rm"; expected one of create, write, fsync, unlink, rename, sync, sleep, power-loss, atomic-snapshot, block-snapshot, fuzzy-copy',
    ],
    [
      'unknown setting',
      'loop dios',
      '1:6 loop has no setting "dios" (did you mean "dio"?); expected a setting (mode, dio, lbs, offset, qd, wcache, ro, flush-drains) or a mode (mainline, proposal-2012, kthread-2015, pre-6.15, nowait-6.19)',
    ],
    [
      'unknown event',
      'at 5ms boom',
      '1:8 unknown event "boom"; expected one of power-loss, atomic-snapshot, block-snapshot, fuzzy-copy',
    ],
    [
      'a flag another op takes',
      'thread t: r 1 fua',
      '1:15 "fua" is not part of r; it takes wait, @label',
    ],
    [
      'a misspelt flag',
      'thread t: w 1 fau',
      '1:15 "fau" is not part of w (did you mean "fua"?); it takes fua, pre, wait, @label',
    ],
    [
      'bad number',
      'thread guest: w x',
      '1:17 expected a block number like 16 or 16+4 (16 and a count of 4), found "x"',
    ],
    ['bad number in a setting', 'disk qd=3.5', '1:9 qd: expected a whole number, found "3.5"'],
    ['bad seed', 'seed -1', '1:6 expected a seed (a whole number), found "-1"'],
    [
      'a time without a unit',
      'thread t: sleep 5',
      '1:17 expected a time with a unit (ns, us, ms or s), like 5us, found "5"',
    ],
    [
      'bad unit',
      'thread t: sleep 5kg',
      '1:17 expected a time with a unit (ns, us, ms or s), like 250us or 1.5ms, found "5kg"',
    ],
    [
      'bad size unit',
      'hostcache mem=2TB',
      '1:15 mem: expected a size in bytes or with a unit (k, m, g, KiB, MiB, GiB), like 4k or 16MiB, found "2TB"',
    ],
    [
      'a fraction of a nanosecond',
      'disk write=1.0005ns',
      '1:12 write: "1.0005ns" is not a whole number of nanoseconds',
    ],
    ['bad on/off', 'loop dio=maybe', '1:10 dio: expected on or off, found "maybe"'],
    ['missing block', 'thread guest: w', '1:16 w needs a block number, like "w 16" or "w 16+4"'],
    ['missing time', 'thread t: sleep', '1:16 sleep needs a time, like "sleep 6s"'],
    ['missing value', 'loop qd', '1:6 qd needs a value, like qd=1'],
    ['empty value', 'loop qd=', '1:6 expected a value after "qd=", like qd=1'],
    [
      'missing colon',
      'thread guest w 1',
      '1:13 expected ":" after "guest", like "thread guest: w 0, flush"',
    ],
    [
      'missing name',
      'thread: w 1',
      '1:7 thread needs a name before ":", like "thread guest: w 0, flush"',
    ],
    [
      'missing offset',
      'fs: write a',
      '1:12 write needs a file name and a block offset in the file, like "write a 0" or "write a 0+2"',
    ],
    [
      'missing event',
      'at 5ms',
      '1:7 at needs a time and an event, like "at 5ms power-loss"; events are power-loss, atomic-snapshot, block-snapshot, fuzzy-copy',
    ],
    ['bad file', 'files a', '1:7 expected a file as name=blocks, like a=2, found "a"'],
    ['an empty op', 'thread t: w 1,, w 2', '1:14 expected an item between the commas'],
    ['a trailing comma', 'thread t: w 1,', '1:14 expected another item after ","'],
    ['an extra word', 'thread t: wait now', '1:16 unexpected "now": wait takes nothing more'],
    [
      'a statement given twice',
      'seed 1; seed 2',
      '1:9 seed is given twice; first at line 1, column 6',
    ],
    [
      'a setting given twice',
      'loop dio\nloop dio=off',
      '2:6 dio is set twice; first at line 1, column 6',
    ],
    ['two labels', 'thread t: flush @a @b', '1:20 flush has two labels; give it one'],
    ['a flag given twice', 'thread t: w 1 fua fua', '1:19 w has "fua" twice; give it once'],
    ['a flag by both names', 'thread t: w 1 pre preflush', '1:19 w has "preflush" twice; give it once'],
    ['an empty label', 'thread t: flush @', '1:17 expected a label after "@", like @a'],
    [
      'bad allocation',
      'backing alloc=0+16,40',
      '1:15 alloc: expected all, none or block ranges like 0+16,40+8 (start+count), found "40"',
    ],
  ])('%s', (_, text, message) => {
    expect(errorsOf(text)).toEqual([message])
  })

  it('reports every error, in the order of the text, on the right line', () => {
    expect(errorsOf('seed x\nloop dio\ndisk qd=y\nthread t: w z')).toEqual([
      '1:6 expected a seed (a whole number), found "x"',
      '3:9 qd: expected a whole number, found "y"',
      '4:13 expected a block number like 16 or 16+4 (16 and a count of 4), found "z"',
    ])
  })

  it('stops after 20 errors', () => {
    expect(errorsOf(Array.from({ length: 50 }, () => 'nope').join('\n'))).toHaveLength(20)
  })

  it('refuses a text that is not a string or is too long', () => {
    expect(errorsOf(5 as unknown as string)).toEqual(['1:1 expected compact text, got 5'])
    expect(errorsOf('#'.repeat(1_000_001))).toEqual([
      '1:1 the text is longer than 1000000 characters (1000001)',
    ])
  })
})

describe("the validator's errors, at the spot they came from", () => {
  it.each([
    [
      'a range past the device',
      'device 64\nthread t: w 70',
      '2:13 block must be below the device size (64 blocks), got 70',
    ],
    [
      'a count past the device',
      'device 64\nthread t: w 60+8',
      '2:13 block 60 + count 8 runs past the end of the device (64 blocks)',
    ],
    ['a value out of range', 'loop qd=0', '1:6 qd must be an integer between 1 and 4096, got 0'],
    [
      'a value not in the list',
      'loop lbs=600',
      '1:6 lbs must be one of 512, 1024, 2048, 4096, got 600',
    ],
    [
      'a duplicate label',
      'thread t: w 1 @a, w 2 @a',
      '1:23 duplicate label "a"; first used at line 1, column 15',
    ],
    [
      'an unknown label',
      'thread t: flush @f\nexpect f: zz',
      '2:11 unknown label "zz"; expected one of f',
    ],
    ['a missing job field', 'job j randwrite size=16MiB', '1:5 ios is required but missing'],
    [
      'a size that is not whole blocks',
      'job j randwrite size=1000 ios=1',
      '1:17 size must be between 4KiB and 64GiB, got 1000 bytes',
    ],
    [
      'a job rule',
      'job j randwrite size=1MiB ios=1 iodepth=4',
      '1:33 psync is synchronous; iodepth must be 1, got 4',
    ],
    [
      'a bad name',
      'thread 9x!: w 1',
      '1:8 name must be a name: a letter or digit, then up to 63 letters, digits, _ . or -, got "9x!"',
    ],
    [
      'a duplicate thread',
      'thread t: w 1\nthread t: w 2',
      '2:8 duplicate name "t"; first used at line 1, column 8',
    ],
    [
      'an event after the time limit',
      'limits time=1ms\nat 5ms power-loss',
      '2:4 at is after limits.maxTime (1ms), got 5ms; the run ends first',
    ],
  ])('%s', (_, text, message) => {
    expect(errorsOf(text)).toEqual([message])
  })
})
