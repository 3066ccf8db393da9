/**
 * Fixed row slices for large passes, so that results do not depend on the number of threads.
 *
 * A pass over n·d ≥ 2¹⁸ entries (n·d·K for the softmax) sums its rows in SLICES = 8 consecutive slices, slice s being
 * rows [⌊n·s/8⌋, ⌊n·(s+1)/8⌋): each slice's partial sums (loss, gradient, Gram matrix, column
 * moments) are formed in row order and then added in slice order. One thread runs the slices one
 * after the other; T threads run consecutive groups of them at once and the caller adds the
 * partials in the same order. The floating-point operations are therefore the same whatever the
 * thread count (and backend): threads change the speed, never the bits. Smaller passes are one
 * slice (never split across threads).
 */

/** Number of fixed slices of a large pass, and so the most threads a pass can use. */
export const SLICES = 8;
/** Passes over at least this many entries of X are sliced (and may run on threads). */
export const SLICE_MIN_ENTRIES = 1 << 18;

/**
 * How many slices a pass over n × d uses: 1 or SLICES. `perEntry` is the pass's work per entry
 * of X in units of a linear pass's (K for the softmax, which takes K dot products and K axpys
 * per row where a binary pass takes one), so a softmax pass over a small X with many classes is
 * sliced (and threaded) as a linear pass of the same work would be.
 */
export function sliceCount(n: number, d: number, perEntry = 1): number {
  return n * Math.max(1, d) * perEntry >= SLICE_MIN_ENTRIES ? SLICES : 1;
}

/** First row of slice s (s = count gives n). */
export function sliceStart(n: number, count: number, s: number): number {
  return count === 1 ? (s === 0 ? 0 : n) : Math.floor((n * s) / count);
}

/** The slices [from, to) of thread t among T: consecutive groups, as equal as possible. */
export function threadSlices(count: number, T: number, t: number): [number, number] {
  return [Math.floor((count * t) / T), Math.floor((count * (t + 1)) / T)];
}

let scratch = new Float64Array(0);
/** Work space for one slice's partial sums (grown once and kept; not re-entrant). */
export function sliceScratch(len: number): Float64Array {
  if (scratch.length < len) scratch = new Float64Array(len);
  return scratch;
}
