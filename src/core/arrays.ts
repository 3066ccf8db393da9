/**
 * Element-wise maps into new typed arrays. V8 (Node 20) runs `TypedArray.from(src, f)` through
 * its generic iterator path at ~140 ns an element (140 ms for a million labels, a fifth of a 1M ×
 * 20 fit) and `Array.from(src, f)` at ~70 ns; a plain loop takes 2–10 ns.
 */

type TypedArrayOf = Float64Array | Int32Array | Uint8Array;

/**
 * A new typed array of type `Ctor` with out[i] = f(src[i], i): what `Ctor.from(src, f)` returns.
 * Cost: O(n).
 */
export function mapTo<T, A extends TypedArrayOf>(Ctor: new (length: number) => A, src: ArrayLike<T>, f: (value: T, index: number) => number): A {
  const n = src.length;
  const out = new Ctor(n);
  for (let i = 0; i < n; i++) out[i] = f(src[i], i);
  return out;
}
