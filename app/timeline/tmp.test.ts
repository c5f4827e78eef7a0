import { it } from 'vitest'
import { chooseGaps, makeTimeScale, timeTicks, viewOf } from '/work/main/app/timeline/scales'
it('x', () => {
const BURSTY = { duration: 6_001_300_000, idle: [{ t0: 0, t1: 5_000_000_000 }, { t0: 5_001_300_000, t1: 6_000_000_000 }, { t0: 5_000_500_000, t1: 5_000_501_000 }] }
const s = makeTimeScale(BURSTY.duration, chooseGaps(BURSTY.idle, BURSTY.duration))
console.log(JSON.stringify(timeTicks(s, viewOf(s, null, 1200))))
})
