// Allocation check for the perf note: counts young-generation collections (scavenges) while
// the objective and the solvers iterate. A loop that allocates nothing triggers none.
// Run after `npm run build`:  node --expose-gc scripts/measure/perf-alloc.mjs
import { PerformanceObserver } from 'node:perf_hooks';
import { loadBreastCancer, makeClassification } from '../../dist/index.js';
import { LinearModelObjective, preconditioner } from '../../dist/loss/linearModelObjective.js';
import { lbfgs } from '../../dist/optim/lbfgs.js';
import { newton } from '../../dist/optim/newton.js';

let scavenges = 0;
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) if (e.detail?.kind === 1) scavenges++; // NODE_PERFORMANCE_GC_MINOR
}).observe({ entryTypes: ['gc'] });
const settle = () => new Promise((r) => setTimeout(r, 20));

async function count(label, f) {
  f(); // warm up (first-call allocations: pinned copy, block views, Hessian work space)
  globalThis.gc?.();
  await settle();
  scavenges = 0;
  f();
  await settle();
  console.log(`${label.padEnd(60)} scavenges: ${scavenges}`);
}

// Control: a loop that does allocate must register.
await count('control: 1e6 small arrays', () => { let s = 0; for (let i = 0; i < 1e6; i++) s += [i, i + 1].length; return s; });

const bc = loadBreastCancer();
const big = makeClassification({ nSamples: 20000, nFeatures: 50, nInformative: 10, nClasses: 3, seed: 1 });
for (const [name, X, yIdx, K] of [
  ['breast cancer binary', bc.X, Int32Array.from(bc.y, (v) => (v === bc.y[0] ? 0 : 1)), 2],
  ['20k x 50 three-class', big.X, Int32Array.from(big.y), 3],
]) {
  const pc = preconditioner(X, null, true);
  const kind = K === 2 ? 'binary' : 'multinomial';
  const obj = new LinearModelObjective({ kind, X, y: Float64Array.from(yIdx), yIdx, nClasses: K, sampleWeight: null, fitIntercept: true, l2: 1, center: pc.center, scale: pc.scale });
  const theta = new Float64Array(obj.size).fill(0.01);
  const g = new Float64Array(obj.size);
  const H = new Float64Array(obj.size * obj.size);
  await count(`${name}: 200 × valueAndGradient`, () => { for (let i = 0; i < 200; i++) obj.valueAndGradient(theta, g); });
  await count(`${name}: 20 × valueGradientHessian`, () => { for (let i = 0; i < 20; i++) obj.valueGradientHessian(theta, g, H); });
  await count(`${name}: lbfgs 100 iterations (tol 0)`, () => lbfgs(obj, new Float64Array(obj.size), { maxIter: 100, tol: 0 }));
  await count(`${name}: newton 10 iterations (tol 0)`, () => newton(obj, new Float64Array(obj.size), { maxIter: 10, tol: 0 }));
}
