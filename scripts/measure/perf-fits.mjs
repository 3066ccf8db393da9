// Whole-fit timings of `new LogisticRegression().fit(X, y)` on the cases, for the perf note.
// Run after `npm run build`:  node scripts/measure/perf-fits.mjs [case-substring] [ts|wasm]
// Prints min and median ms over 5 fits after one warm-up fit, the solver `'auto'` ran, its
// iterations and the objective. Not part of the test suite.
import { LogisticRegression, StandardScaler, loadBreastCancer, makeClassification } from '../../dist/index.js';
import * as K from '../../dist/kernels/index.js';

const only = process.argv[2] ?? '';
const backend = process.argv[3];
if (backend && typeof K.setKernelBackend === 'function') K.setKernelBackend(backend);
const cases = [
  { name: 'breast cancer standardised', make: () => { const bc = loadBreastCancer(); return { X: new StandardScaler().fitTransform(bc.X), y: bc.y }; }, runs: 21 },
  { name: 'breast cancer raw', make: () => { const bc = loadBreastCancer(); return { X: bc.X, y: bc.y }; }, runs: 21 },
  { name: '100k x 100 binary', make: () => makeClassification({ nSamples: 100000, nFeatures: 100, nInformative: 20, seed: 1 }), runs: 5 },
  { name: '50k x 50 x 10 multinomial', make: () => makeClassification({ nSamples: 50000, nFeatures: 50, nInformative: 20, nClasses: 10, seed: 2 }), runs: 5 },
  { name: '1M x 20 binary', make: () => makeClassification({ nSamples: 1000000, nFeatures: 20, nInformative: 10, seed: 3 }), runs: 3 },
  { name: '20k x 50 binary newton', make: () => makeClassification({ nSamples: 20000, nFeatures: 50, nInformative: 10, nRedundant: 5, seed: 1, flipY: 0.05 }), runs: 5, opts: { solver: 'newton' } },
];
for (const c of cases) {
  if (only && !c.name.includes(only)) continue;
  const { X, y } = c.make();
  const ts = [];
  const ws = [];
  let m;
  for (let r = 0; r <= c.runs; r++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    m = new LogisticRegression({ ...(c.opts ?? {}), onWarning: () => {} }).fit(X, y);
    const cu = process.cpuUsage(c0);
    if (r > 0) {
      ts.push((cu.user + cu.system) / 1000);
      ws.push(performance.now() - t0);
    }
  }
  ts.sort((a, b) => a - b);
  ws.sort((a, b) => a - b);
  // CPU time: the machine is shared, so wall time mostly measures the neighbours (GC threads add a little CPU).
  console.log(`${c.name.padEnd(30)} cpu min ${ts[0].toFixed(1).padStart(8)} ms  median ${ts[ts.length >> 1].toFixed(1).padStart(8)} ms  wall min ${ws[0].toFixed(1).padStart(8)}  ${m.solver} nIter ${m.nIter} objective ${m.objective.toFixed(6)}`);
}
