// Where a 100k x 100 binary fit spends its time (validation, preconditioner, objective with the
// pinned copy of X, L-BFGS, one pass), CPU/wall ms, for the perf note. Run after `npm run build`:
//   node scripts/measure/perf-phases.mjs
import { makeClassification } from '../../dist/index.js';
import { LinearModelObjective, preconditioner } from '../../dist/loss/linearModelObjective.js';
import { lbfgs } from '../../dist/optim/lbfgs.js';
import { asMatrix } from '../../dist/core/validate.js';
const { X, y } = makeClassification({ nSamples: 100000, nFeatures: 100, nInformative: 20, seed: 1 });
const y01 = Float64Array.from(y, (v) => (v === 1 ? 1 : 0));
const cpu = (f) => { const c0 = process.cpuUsage(); const t0 = performance.now(); const r = f(); const c = process.cpuUsage(c0); return [(c.user + c.system) / 1000, performance.now() - t0, r]; };
for (let rep = 0; rep < 4; rep++) {
  const a = cpu(() => asMatrix(X, 'X'));
  const p = cpu(() => preconditioner(X, null, true, 1 / (100000 * 0.25)));
  const pc = p[2];
  const o = cpu(() => new LinearModelObjective({ kind: 'binary', X, y: y01, sampleWeight: null, fitIntercept: true, l2: 1, center: pc.center, scale: pc.scale }));
  const obj = o[2];
  const th = new Float64Array(obj.size);
  let evals = 0;
  const counted = { size: obj.size, valueAndGradient: (t, g) => { evals++; return obj.valueAndGradient(t, g); } };
  const l = cpu(() => lbfgs(counted, th, { maxIter: 100, tol: 1e-4 }));
  const one = cpu(() => obj.valueAndGradient(th, new Float64Array(obj.size)));
  console.log(`validate ${a[0].toFixed(1)}/${a[1].toFixed(1)}  precond ${p[0].toFixed(1)}/${p[1].toFixed(1)}  objective+pin ${o[0].toFixed(1)}/${o[1].toFixed(1)}  lbfgs ${l[0].toFixed(1)}/${l[1].toFixed(1)} (${l[2].nIter} it, ${evals} evals)  one pass ${one[0].toFixed(1)}/${one[1].toFixed(1)}  [cpu/wall ms]`);
}
