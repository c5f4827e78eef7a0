import { aioOrder } from './aioOrder'
import { dioAlignment } from './dioAlignment'
import { dioHoles } from './dioHoles'
import { doubleCache } from './doubleCache'
import { flushNoDrain } from './flushNoDrain'
import { fuaAio } from './fuaAio'
import { unlinkSnapshot } from './unlinkSnapshot'

/**
 * Built-in scenarios as plain data. They pass through the same validator as a file or a link, so
 * a mistake in one is reported the same way.
 */
export const BUILTIN_SCENARIOS: readonly unknown[] = [
  unlinkSnapshot,
  flushNoDrain,
  fuaAio,
  dioAlignment,
  doubleCache,
  dioHoles,
  aioOrder,
]
