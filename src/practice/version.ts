/**
 * The version of the practice-problem generator. A problem is a pure function of (version, seed,
 * kind): the same seed gives the same problem in the app and on the command line, forever, as
 * long as nothing under src/practice, nor the engine behaviour a problem depends on, changes.
 *
 * Bump this whenever a change alters any generated problem (the golden tests in
 * golden.test.ts fail until then). Golden files are kept per version, so a bump adds a new set
 * of golden problems instead of rewriting the old ones.
 */
export const PRACTICE_VERSION = 1
