/** Types of objective.mjs (the smoke test imports it). */
export interface ObjectiveSpec {
  model: 'binary' | 'multinomial' | 'linear';
  penalty: 'l2' | 'l1' | 'none';
  C?: number;
  alpha?: number;
}
export function objective(spec: ObjectiveSpec, n: number, d: number, X: Float64Array, y: Float64Array, coef: number[][], intercept: number[]): number;
export function relativeGap(value: number, best: number): number;
