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
/*
 * History:
 *  1  the first generator.
 *  2  the guest checker takes the files in use from the inode records, as e2fsck's pass 1 does,
 *     and checks the inode bitmap against them (pass 5): states it used to pass are now caught,
 *     so consistent problems pick other states and some answers flip. Which-images and reverse
 *     problems are those of version 1 (only the version number differs).
 */
export const PRACTICE_VERSION = 2
