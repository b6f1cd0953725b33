/**
 * Internal to optax's decay policies: the largest finite double, where growing values stop.
 *
 * @module
 */

/** The largest finite double: where a growing decay stops instead of reaching Infinity. */
export const LARGEST = Number.MAX_VALUE;
