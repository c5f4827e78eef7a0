import { InvariantError } from './assert'
import { growF64, growI32, growU8 } from './queue'

/**
 * Every request of every layer, stored column-wise. A request's id is its row; ids grow with
 * submission order, which the durability checks rely on (a later id was submitted later).
 * The data pool holds, for each block a write covers, the data version it carries.
 */
export class RequestTable {
  layer = new Uint8Array(1024)
  op = new Uint8Array(1024)
  flags = new Int32Array(1024)
  block = new Int32Array(1024)
  count = new Int32Array(1024)
  parent = new Int32Array(1024)
  lane = new Int32Array(1024)
  submitT = new Float64Array(1024)
  startT = new Float64Array(1024)
  completeT = new Float64Array(1024)
  status = new Int32Array(1024)
  submitEv = new Int32Array(1024)
  completeEv = new Int32Array(1024)
  dataOff = new Int32Array(1024)
  data = new Int32Array(4096)
  // Row 0 is reserved so that no request id equals Data.INITIAL (0) when used as a data version.
  private n = 1
  private dataN = 0

  get length(): number {
    return this.n
  }

  add(layer: number, op: number, flags: number, block: number, count: number, parent: number, lane: number): number {
    if (this.n === this.layer.length) this.grow()
    const id = this.n++
    this.layer[id] = layer
    this.op[id] = op
    this.flags[id] = flags
    this.block[id] = block
    this.count[id] = count
    this.parent[id] = parent
    this.lane[id] = lane
    this.submitT[id] = -1
    this.startT[id] = -1
    this.completeT[id] = -1
    this.status[id] = 0
    this.submitEv[id] = -1
    this.completeEv[id] = -1
    this.dataOff[id] = -1
    return id
  }

  /** Attaches per-block data versions to a write; `versions.length` must equal its block count. */
  setData(id: number, versions: ArrayLike<number>): void {
    if (versions.length !== this.count[id]) {
      throw new InvariantError(`request ${id}: ${versions.length} data versions for ${this.count[id]} blocks`)
    }
    while (this.dataN + versions.length > this.data.length) this.data = growI32(this.data, this.data.length * 2)
    this.dataOff[id] = this.dataN
    for (let i = 0; i < versions.length; i++) this.data[this.dataN + i] = versions[i] as number
    this.dataN += versions.length
  }

  /** Gives request `to` the same data versions as request `from` (same block count). */
  copyData(from: number, to: number): void {
    const n = this.count[from] as number
    if (n !== this.count[to]) throw new InvariantError(`copyData ${from} → ${to}: ${n} vs ${this.count[to]} blocks`)
    while (this.dataN + n > this.data.length) this.data = growI32(this.data, this.data.length * 2)
    const off = this.dataOff[from] as number
    this.dataOff[to] = this.dataN
    this.data.copyWithin(this.dataN, off, off + n)
    this.dataN += n
  }

  /** Same version for every block of the write. */
  setUniformData(id: number, version: number): void {
    const n = this.count[id] as number
    while (this.dataN + n > this.data.length) this.data = growI32(this.data, this.data.length * 2)
    this.dataOff[id] = this.dataN
    this.data.fill(version, this.dataN, this.dataN + n)
    this.dataN += n
  }

  /** Data version carried for the i-th block of request id. */
  version(id: number, i: number): number {
    const off = this.dataOff[id] as number
    if (off < 0) throw new InvariantError(`request ${id} carries no data`)
    return this.data[off + i] as number
  }

  isComplete(id: number): boolean {
    return (this.completeEv[id] as number) >= 0
  }

  seal(): void {
    const n = this.n
    this.layer = this.layer.slice(0, n)
    this.op = this.op.slice(0, n)
    this.flags = this.flags.slice(0, n)
    this.block = this.block.slice(0, n)
    this.count = this.count.slice(0, n)
    this.parent = this.parent.slice(0, n)
    this.lane = this.lane.slice(0, n)
    this.submitT = this.submitT.slice(0, n)
    this.startT = this.startT.slice(0, n)
    this.completeT = this.completeT.slice(0, n)
    this.status = this.status.slice(0, n)
    this.submitEv = this.submitEv.slice(0, n)
    this.completeEv = this.completeEv.slice(0, n)
    this.dataOff = this.dataOff.slice(0, n)
    this.data = this.data.slice(0, this.dataN)
  }

  private grow(): void {
    const cap = this.layer.length * 2
    this.layer = growU8(this.layer, cap)
    this.op = growU8(this.op, cap)
    this.flags = growI32(this.flags, cap)
    this.block = growI32(this.block, cap)
    this.count = growI32(this.count, cap)
    this.parent = growI32(this.parent, cap)
    this.lane = growI32(this.lane, cap)
    this.submitT = growF64(this.submitT, cap)
    this.startT = growF64(this.startT, cap)
    this.completeT = growF64(this.completeT, cap)
    this.status = growI32(this.status, cap)
    this.submitEv = growI32(this.submitEv, cap)
    this.completeEv = growI32(this.completeEv, cap)
    this.dataOff = growI32(this.dataOff, cap)
  }
}
