// Iterations and fit times of every logit solver next to scikit-learn's solvers on the same data,
// for the solver issue's note. Run after `npm run build`: node scripts/measure/solvers.mjs
// (scikit-learn through /usr/bin/python3). Prints a Markdown table. Not part of the test suite.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LogisticRegression, StandardScaler, loadBreastCancer, loadIris, makeClassification } from '../../dist/index.js';

const bc = loadBreastCancer();
const bcStd = new StandardScaler().fitTransform(bc.X);
const iris = loadIris();
const big = makeClassification({ nSamples: 20000, nFeatures: 50, nInformative: 10, nRedundant: 5, seed: 1, flipY: 0.05 });
const cases = [
  { name: 'breast cancer, standardised, L2', X: bcStd, y: bc.y, penalty: 'l2', C: 1, solvers: ['auto', 'lbfgs', 'newton', 'owlqn', 'sgd'], sklearnSolvers: ['lbfgs', 'newton-cg', 'liblinear', 'saga'] },
  { name: 'breast cancer, raw, L2', X: bc.X, y: bc.y, penalty: 'l2', C: 1, solvers: ['auto', 'lbfgs', 'newton', 'owlqn'], sklearnSolvers: ['lbfgs', 'newton-cg', 'liblinear'] },
  { name: 'iris, raw, multinomial L2', X: iris.X, y: iris.y, penalty: 'l2', C: 1, solvers: ['auto', 'lbfgs', 'newton', 'owlqn', 'sgd'], sklearnSolvers: ['lbfgs', 'newton-cg', 'saga'] },
  { name: '20k × 50 binary, L2', X: big.X, y: big.y, penalty: 'l2', C: 1, solvers: ['auto', 'lbfgs', 'newton', 'owlqn', 'sgd'], sklearnSolvers: ['lbfgs', 'newton-cg', 'liblinear', 'saga'] },
  { name: 'breast cancer, standardised, L1 (C = 0.1)', X: bcStd, y: bc.y, penalty: 'l1', C: 0.1, solvers: ['auto', 'owlqn', 'sgd'], sklearnSolvers: ['liblinear', 'saga'] },
];
const tol = 1e-4;
const maxIter = 1000;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

const logit = {};
for (const c of cases) {
  logit[c.name] = {};
  for (const solver of c.solvers) {
    const times = [];
    let m;
    for (let r = 0; r < 6; r++) {
      const t0 = performance.now();
      m = new LogisticRegression({ penalty: c.penalty, C: c.C, solver, tol, maxIter, onWarning: () => {} }).fit(c.X, c.y);
      if (r > 0) times.push(performance.now() - t0); // first run warms the JIT
    }
    logit[c.name][solver] = { nIter: m.nIter, ms: median(times), objective: m.objective, ran: m.solver, converged: m.converged };
  }
}
const dir = mkdtempSync(join(tmpdir(), 'logit-solvers-'));
const file = join(dir, 'cases.json');
writeFileSync(file, JSON.stringify(cases.map((c) => ({ name: c.name, X: c.X.toArray(), y: c.y, penalty: c.penalty, C: c.C, tol, maxIter, sklearnSolvers: c.sklearnSolvers }))));
const sk = JSON.parse(execFileSync('/usr/bin/python3', [join(import.meta.dirname, 'solvers.py'), file], { encoding: 'utf8', maxBuffer: 1 << 28 }));
console.log(`tol ${tol}, maxIter ${maxIter}; times are medians of 5 fits (logit after one warm-up fit)\n`);
console.log('| case | solver | iterations | ms | objective |');
console.log('| --- | --- | ---: | ---: | ---: |');
for (const c of cases) {
  for (const [s, r] of Object.entries(logit[c.name])) {
    console.log(`| ${c.name} | logit ${s}${s === 'auto' ? ` (${r.ran})` : ''}${r.converged ? '' : ' (not converged)'} | ${r.nIter} | ${r.ms.toFixed(2)} | ${r.objective.toFixed(6)} |`);
  }
  for (const [s, r] of Object.entries(sk[c.name])) console.log(`| ${c.name} | sklearn ${s} | ${r.nIter} | ${r.ms.toFixed(2)} | ${r.objective.toFixed(6)} |`);
}
