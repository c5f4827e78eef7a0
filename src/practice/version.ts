/**
 * The version of the practice-problem generator. A problem is a pure function of (version, seed,
 * kind): the same seed gives the same problem in the app and on the command line, forever, as
 * long as nothing under src/practice, nor the engine behaviour a problem depends on, changes.
 *
 * What "the problem" is: the statement, the scenario, the history, the instant, the candidates,
 * and which candidates are correct. Bump this whenever a change alters any of that for any seed
 * (the strictly pinned golden problems in golden.test.ts fail until then). Golden files are kept
 * per version, so a bump adds a new set of golden problems instead of rewriting the old ones.
 *
 * The reasons given with the answers are not part of the problem: they explain the engine's
 * answer, and a correction of what a reason claims keeps the version. Their golden files
 * (golden/v<n>/reasons/) are updated with the correction, and only reason texts may differ.
 */
export const PRACTICE_VERSION = 1
