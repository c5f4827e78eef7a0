/**
 * The engine's public API. Everything outside src/engine imports from here, never from internals.
 */
export * from './config'
export { runConfig, type RunResult, type Verdict, type Metrics, type Lane, type FinalState } from './run'
export { Replay } from './replay/replay'
export { type ViewState, type VersionView } from './replay/state'
export { Ev, EV_NAMES, DioReason, DIO_REASON_NAMES, Errno, Ioctl } from './events'
export * from './vocabulary'
export { InvariantError } from './kernel/assert'
export { RNG_ALGORITHM } from './kernel/rng'
export { canUseDio, dioRefusal } from './stack/dioRule'
export { CrashOracle, type Ask, type CrashQuestion } from './explore/question'
export { explore, Exploration, type ExploreResult, type ExploreOptions, type Finding, type StateExample } from './explore/explore'
export { MODELS, type ModelName, type Granularity, type CrashInput } from './explore/input'
export { powerLossFromTrace, promisesAt, type TraceRequest } from './explore/trace'
export { exploreAt, exploreEvery, eventIndexOf, instantsOf, type At, type EveryResult } from './explore/runExplore'
export { RunStates } from './explore/models'
export * from './guestfs'
