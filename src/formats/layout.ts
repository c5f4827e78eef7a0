/**
 * How V8 lays out a number field, and why the records an import makes by the hundred thousand
 * (events, requests) store a placeholder in some of theirs before the real value.
 *
 * V8 lays a number field out by the first value stored in it: a small integer for a trace that
 * starts at 0 s, or for a request at sector 0. When a value past 2^31 comes (2.1 s in
 * nanoseconds, 1 TiB in sectors) the layout changes, and every record made before is migrated,
 * one by one, when it is next read. In a 4.5 s blkparse trace that was two thirds of the events,
 * and most of the time the pairing took. A field whose first value was null (as a nullable
 * sector's placeholder) takes any number later without a migration; one that is never null
 * gets DOUBLE_LAYOUT first.
 */

/** A fraction: a number field that holds it first is laid out as a double from the start. */
export const DOUBLE_LAYOUT = 0.5
