/**
 * Assertions for programmer errors and broken invariants. The engine crashes loudly instead of
 * producing a run that teaches something false.
 */
export class InvariantError extends Error {
  override readonly name = 'InvariantError'
}

export function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new InvariantError(message)
}

export function assertNever(value: never, what: string): never {
  throw new InvariantError(`unhandled ${what}: ${String(value)}`)
}

export function ensure<T>(value: T | undefined | null, message: string): T {
  if (value === undefined || value === null) throw new InvariantError(message)
  return value
}
