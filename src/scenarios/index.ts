/** The scenario file format of loopscope: parse, check, migrate and resolve to a RunConfig. */
export { formatErrors } from './format'
export { SCENARIO_VERSION, MIGRATIONS, RNG_BY_VERSION, type Migration } from './migrate'
export { resolveScenario, type ResolvedScenario } from './resolve'
export { parseScenarioJson, validateScenario, DEFAULT_VARIANT } from './validate'
export { parseTime, parseBytes, formatTime, formatBytes, type UnitResult } from './units'
export type {
  BytesInput,
  EventInput,
  ExpectationInput,
  FioJobInput,
  FsFileInput,
  FsInput,
  FsOpInput,
  LimitsInput,
  OpInput,
  ParseResult,
  ScenarioBody,
  ScenarioError,
  ScenarioFile,
  ScenarioMeta,
  ScenarioPatch,
  StackInput,
  ThreadInput,
  TimeInput,
  VariantInput,
  VariantMeta,
  WorkloadInput,
} from './types'
