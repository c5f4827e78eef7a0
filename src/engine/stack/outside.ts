import type { OutsideEvent } from '../config'
import { Ev } from '../events'
import type { Sim } from '../kernel/sim'
import { Outside } from '../vocabulary'

const KIND: Record<OutsideEvent['kind'], number> = {
  'power-loss': Outside.POWER_LOSS,
  'atomic-snapshot': Outside.ATOMIC_SNAPSHOT,
  'block-snapshot': Outside.BLOCK_SNAPSHOT,
  'fuzzy-copy': Outside.FUZZY_COPY_START,
}

/**
 * Events from outside the stack. Power loss ends the run on the spot. Snapshots are instants the
 * explorer later reads state at. A fuzzy copy (cp of the backing file while the guest runs) reads
 * one block at a time along its scan order, each at its own instant.
 */
export class OutsideEvents {
  private count = 0
  hostVisible: (block: number) => number = () => 0

  constructor(
    private readonly sim: Sim,
    private readonly blocks: number,
  ) {}

  trigger(ev: OutsideEvent): void {
    const index = this.count++
    this.sim.emit(Ev.OUTSIDE, KIND[ev.kind], index)
    if (ev.kind === 'power-loss') this.sim.halt('power-loss')
    else if (ev.kind === 'fuzzy-copy') this.fuzzyCopy(ev, index)
  }

  /** Schedules a timed event; it keeps the run alive until it fires. */
  schedule(at: number, ev: OutsideEvent): void {
    this.sim.foreground++
    this.sim.later(Math.max(0, at - this.sim.now), () => {
      this.sim.foreground--
      this.trigger(ev)
    })
  }

  private fuzzyCopy(ev: OutsideEvent, index: number): void {
    const order = this.scanOrder(ev.order)
    this.sim.foreground++
    let i = 0
    const step = (): void => {
      const b = order[i++] as number
      this.sim.emit(Ev.FUZZY_READ, b, this.hostVisible(b))
      if (i < order.length) {
        this.sim.later(ev.nsPerBlock, step)
        return
      }
      this.sim.emit(Ev.OUTSIDE, Outside.FUZZY_COPY_END, index)
      this.sim.foreground--
    }
    this.sim.later(0, step)
  }

  private scanOrder(order: OutsideEvent['order']): Int32Array {
    const out = new Int32Array(this.blocks)
    for (let i = 0; i < this.blocks; i++) out[i] = order === 'descending' ? this.blocks - 1 - i : i
    if (order === 'random') {
      for (let i = this.blocks - 1; i > 0; i--) {
        const j = this.sim.rng.int(i + 1)
        const t = out[i] as number
        out[i] = out[j] as number
        out[j] = t
      }
    }
    return out
  }
}
