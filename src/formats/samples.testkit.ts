/**
 * Real blkparse lines quoted in the crash-model reference notes (§5.4), each from a public
 * source named there: the blkparse man page, a blog trace of fio on ext4 (sde), a PREFLUSH+FUA
 * write on a disk with a volatile cache but no native FUA, jbd2 on a virtio disk without a cache,
 * sync(1) on a disk with a cache, and xfs_io on pmem. Annotations were stripped, nothing else.
 */

export const MAN_PAGE = '  8,0    3        1     0.000000000   697  G   W 223490 + 8 [kjournald]\n'

export const FIO_EXT4 = `  8,64  11     2951    33.791608964 90790  Q  WS 7614368 + 8 [fio]
  8,64  11     2952    33.791609940 90790  G  WS 7614368 + 8 [fio]
  8,64  11     2953    33.791610381 90790  P   N [fio]
  8,64  11     2954    33.791611867 90790  I  WS 7614368 + 8 [fio]
  8,64  11     2955    33.791612372 90790  U   N [fio] 1
  8,64  11     2956    33.791612977 90790  D  WS 7614368 + 8 [fio]
  8,64  11     2957    33.799933777     0  C  WS 7614368 + 8 [0]
  8,64  13     5713    33.799966423 90708  M  WS 3905206224 + 8 [jbd2/sde-8]
  8,64  20     1160    21.225404128 98523  A  WS 3927579616 + 8 <- (8,66) 20560864
`

/** blk-flush's PREFLUSH -> DATA -> POSTFLUSH on a device with a write cache and no FUA. */
export const PREFLUSH_FUA = `  8,0    3        2     0.000001967   594  Q FWFSM 43781957 + 17 [(null)]
  8,0    3        3     0.000006490   594  G FWFSM 43781957 + 17 [(null)]
  8,0    3        4     0.000031145   195  D  FN [kworker/3:1H]
  8,0    2        7     0.001628764     0  C  FN 0 [0]
  8,0    2        8     0.001671798   323  D WSM 43781957 + 17 [kworker/2:1H]
  8,0    2        9     0.001843458     0  C WSM 43781957 + 17 [0]
  8,0    2       10     0.001863050   323  D  FN [kworker/2:1H]
  8,0    2       11     0.002735974     0  C  FN 0 [0]
  8,0    2       12     0.002742812     0  C WSM 43781957 [0]
`

/** jbd2 commit on a virtio disk without a volatile cache: PREFLUSH/FUA stripped, no flush issued. */
export const JBD2_NO_CACHE = `253,0    0        9     0.003244357     0  C  WS 7928704 + 224 [0]
253,0    0       10     0.003271459   291  A FWFS 7928928 + 8 <- (253,1) 7926880
253,0    0       11     0.003271854   291  Q FWFS 7928928 + 8 [jbd2/vda1-8]
253,0    0       12     0.003272053   291  G FWFS 7928928 + 8 [jbd2/vda1-8]
253,0    0       13     0.003398213   284  D  WS 7928928 + 8 [kworker/0:1H]
253,0    0       14     0.004277985     0  C  WS 7928928 + 8 [0]
253,0    0       15     0.004446931     0  C  WS 7928928 [0]
`

/** sync(1): an empty flush bio. */
export const SYNC = `  8,0    0        1     0.000000000 34004  Q FWS [sync]
  8,0    0        2     0.000001335 34004  G FWS [sync]
  8,0    0        3     0.000004327 31088  D  FN [kworker/0:2H]
  8,0    0        4     0.000068945     0  C  FN 0 [0]
  8,0    0        5     0.000069466     0  C  WS 0 [0]
`

export const PMEM = '259,1    1      513    41.695930264  4615  Q FWFSM 8388688 + 8 [xfs_io]\n'

/** The tracepoint form quoted next to them (an LKML patch, xfs_io on 8,48). */
export const FTRACE_LKML = `         xfs_io-1108    [002] .....   411.212317: block_rq_issue: 8,48 WS 16384 () 1024 + 32 none,0,0 [xfs_io]
         <idle>-0       [002] ..s1.   411.215842: block_rq_complete: 8,48 WS () 1024 + 32 none,0,0 [0]
`
