import { it } from 'vitest'
import { runOf } from './fixture.testkit'
import { buildTimeline, idleStretches } from './layout'
it('x', () => {
    const run = runOf('double-cache', 'buffered')
    for (let k = 0; k < 3; k++) {
    let t = performance.now()
    buildTimeline(run.p, run.duration)
    console.log('build', (performance.now() - t).toFixed(1))
    t = performance.now()
    idleStretches(run.p, run.duration)
    console.log('idle', (performance.now() - t).toFixed(1))
    }
}, 600000)
