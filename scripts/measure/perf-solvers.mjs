// newton vs lbfgs fit CPU time with the current kernels, for the auto-solver thresholds in the
// perf note. Run after `npm run build`: node scripts/measure/perf-solvers.mjs
import { LogisticRegression, makeClassification } from '../../dist/index.js';

const cases = [
  { name: '20k x 50 binary', n: 20000, d: 50, K: 2 },
  { name: '100k x 100 binary', n: 100000, d: 100, K: 2 },
  { name: '1M x 20 binary', n: 1000000, d: 20, K: 2 },
  { name: '50k x 50 x 10', n: 50000, d: 50, K: 10 },
  { name: '20k x 20 x 5', n: 20000, d: 20, K: 5 },
];
for (const c of cases) {
  const { X, y } = makeClassification({ nSamples: c.n, nFeatures: c.d, nInformative: Math.min(10, c.d / 2), nClasses: c.K, seed: 1 });
  for (const solver of ['auto', 'lbfgs', 'newton']) {
    const ts = [];
    let m;
    for (let r = 0; r < 3; r++) {
      const c0 = process.cpuUsage();
      m = new LogisticRegression({ solver, onWarning: () => {} }).fit(X, y);
      const cu = process.cpuUsage(c0);
      if (r > 0) ts.push((cu.user + cu.system) / 1000);
    }
    console.log(`${c.name.padEnd(20)} ${solver.padEnd(7)} (${m.solver}) cpu min ${Math.min(...ts).toFixed(0).padStart(6)} ms  nIter ${m.nIter}  objective ${m.objective.toFixed(6)}`);
  }
}
