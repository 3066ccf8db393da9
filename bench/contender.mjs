// One JavaScript contender on one case, in its own process so its peak memory is its own.
// Usage (from run.mjs): node --expose-gc bench/contender.mjs <task.json>
// The task names the case, the data files, the contender, the number of timed runs and where
// to write the result (JSON). Peers (ml-logistic-regression, TensorFlow.js) are imported only
// when asked for, so the logit-only smoke test needs nothing from bench/node_modules.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { objective } from './objective.mjs';
import { memoryStatus, readF64, resetPeak } from './data.mjs';

const task = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const { spec, meta, files, contender } = task;
const { n, d } = meta;
const X = readF64(files.X, n * d);
const y = readF64(files.y, n);
const warnings = [];

function gc() {
  if (typeof globalThis.gc === 'function') globalThis.gc();
}

/** Warm-up once (its peak RSS is the one reported), then `runs` timed calls of `fn`. */
function measure(fn, runs) {
  gc();
  const before = memoryStatus();
  const peakReset = resetPeak();
  const t0 = performance.now();
  let out = fn();
  const warmupMs = performance.now() - t0;
  const after = memoryStatus();
  const times = [];
  for (let r = 0; r < runs; r++) {
    const t = performance.now();
    out = fn();
    times.push(performance.now() - t);
  }
  return {
    out,
    times,
    warmupMs,
    baseRssMB: before?.rss ?? null,
    peakRssMB: peakReset ? (after?.hwm ?? null) : null,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  };
}

async function logit() {
  const lib = await import('../dist/index.js');
  // Threads: what a Node program gets from `await kernels.setThreads('auto')` (one worker per
  // further core; passes over ≥ 2¹⁸ entries split across them, same bits on any count);
  // 'logit-1t' stays on one thread.
  const threadCount = await lib.kernels.setThreads(contender === 'logit-1t' ? 1 : 'auto');
  const Xm = new lib.Matrix(n, d, X);
  const labels = Array.from(y);
  const onWarning = (w) => warnings.push(`${w.code}: ${w.message}`);
  if (spec.task === 'kernel') {
    // The fused loss-gradient pass the solvers call once per iteration, at a fixed non-zero θ.
    const params = new Float64Array(d + 1);
    for (let j = 0; j <= d; j++) params[j] = 0.01 * ((j % 7) - 3);
    const grad = new Float64Array(d + 1);
    // As a fit runs it: X pinned once (a copy the kernels read in place, split across the
    // threads); 'logit-stream' without a store copies X through the kernels' memory each pass.
    const { pinForPasses } = await import('../dist/kernels/backend.js');
    const store = contender === 'logit-stream' ? null : pinForPasses(X, n, d);
    const how = store === null ? 'X streamed through wasm memory' : store.kind === 'threaded' ? `X pinned, split across ${threadCount} threads` : 'X pinned, one thread';
    const m = measure(() => lib.kernels.binaryLogisticPass(n, d, X, y, null, params, grad, 0, true, null, store), Math.max(task.runs, 20));
    return { ...m, nIter: 1, note: `kernels.binaryLogisticPass: value and gradient, one pass over X (${how})` };
  }
  const make = () => {
    if (spec.model === 'linear') return spec.penalty === 'l2' ? new lib.Ridge({ alpha: spec.alpha, onWarning }) : new lib.LinearRegression({ onWarning });
    // 'logit-tight': scikit-learn 1.2.1's lbfgs stops when the gradient of the unscaled
    // objective C·Σℓ + ½‖W‖² is ≤ 1e-4; logit's tol applies to that gradient divided by C·n
    // (scikit-learn ≥ 1.4's scaling), so tol = 1e-4/(C·n) asks for the same stationarity.
    const tol = contender === 'logit-tight' ? 1e-4 / (spec.C * n) : undefined;
    return new lib.LogisticRegression({ penalty: spec.penalty, C: spec.C, onWarning, ...(tol === undefined ? {} : { tol }) });
  };
  if (spec.task === 'proba') {
    const model = make().fit(Xm, labels);
    // 'logit-shared': the same rows in a Matrix.shared (a SharedArrayBuffer the worker threads
    // read in place), filled before timing; the pass is split across the threads.
    let Xp = Xm;
    if (contender === 'logit-shared') {
      Xp = lib.Matrix.shared(n, d);
      Xp.data.set(X);
    }
    const m = measure(() => model.predictProba(Xp), task.runs);
    const how = contender === 'logit-shared' ? `X in a Matrix.shared, split across ${threadCount} threads` : `X an ordinary Float64Array: chunks of rows copied to the workers of ${threadCount} threads`;
    return { ...m, nIter: null, note: `predictProba over all rows of a fitted default model (${how})` };
  }
  const m = measure(() => make().fit(Xm, spec.model === 'linear' ? y : labels), task.runs);
  const model = m.out;
  let coef;
  let intercept;
  if (spec.model === 'linear') {
    coef = [Array.from(model.coef)];
    intercept = [model.intercept];
  } else {
    coef = model.coef.toArray();
    intercept = Array.from(model.intercept);
  }
  const extra = `${spec.model === 'linear' ? `method ${model.method}` : `solver ${model.solver}, tol ${model.params.tol.toPrecision(2)}`}, threads ${threadCount}`;
  return { ...m, coef, intercept, nIter: model.nIter, converged: model.converged, note: extra };
}

function jsRead() {
  // The memory-bandwidth reference: the cheapest pass that still reads every element of X once.
  const len = n * d;
  const m = measure(() => {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let i = 0;
    for (; i + 3 < len; i += 4) {
      s0 += X[i];
      s1 += X[i + 1];
      s2 += X[i + 2];
      s3 += X[i + 3];
    }
    for (; i < len; i++) s0 += X[i];
    return s0 + s1 + s2 + s3;
  }, Math.max(task.runs, 20));
  return { ...m, nIter: 1, note: 'sum of X with four accumulators: reads X once, no other work' };
}

async function mlLogisticRegression() {
  const { default: LogisticRegression } = await import('ml-logistic-regression');
  const { Matrix } = await import('ml-matrix');
  const rows = [];
  for (let i = 0; i < n; i++) rows.push(Array.from(X.subarray(i * d, (i + 1) * d)));
  const Xm = new Matrix(rows);
  const Y = Matrix.columnVector(Array.from(y));
  // Its defaults (50,000 gradient steps of size 5e-4, no intercept, no penalty), run once: one
  // fit takes tens of seconds. One-vs-all: classifier 0 separates class 0 (target 0) from the
  // rest (target 1), so its weights give P(class 1) = σ(X·w) with no intercept.
  let model;
  const m = measure(() => {
    // --quick (smoke runs only): 500 steps instead of 50,000, said in the note.
    model = new LogisticRegression(task.quick ? { numSteps: 500 } : {});
    model.train(Xm, Y);
    return model;
  }, 0);
  const w = model.classifiers[0].weights.to1DArray();
  return { ...m, times: [m.warmupMs], warmupMs: null, coef: [w], intercept: [0], nIter: model.numSteps, converged: null, note: `${task.quick ? 'numSteps 500 (--quick)' : 'defaults'}, one run (no warm-up): no intercept, no penalty` };
}

async function tfjs(backend) {
  // The CommonJS builds: tfjs registers its gradients there, and the wasm backend shares its core.
  const req = createRequire(import.meta.url);
  const tf = req('@tensorflow/tfjs');
  if (backend === 'wasm') {
    const wasm = req('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(`${dirname(req.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'))}/`);
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} unavailable`);
  await tf.ready();
  const Xt = tf.tensor2d(Float32Array.from(X), [n, d]);
  const yt = tf.tensor2d(Float32Array.from(y), [n, 1]);
  const target = task.target;
  const capMs = task.capMs;
  const lr = 0.05;
  // A sigmoid dense layer trained full-batch with Adam on the same objective, scaled by 1/(n·C)
  // (same minimiser). Every 10 steps the float64 objective of its float32 weights is checked;
  // stop within 1e-6 relative of logit's objective or at the time cap.
  const train = (maxSteps) => {
    const w = tf.variable(tf.zeros([d, 1]));
    const b = tf.variable(tf.zeros([1]));
    const opt = tf.train.adam(lr);
    const lam = 1 / (2 * n * spec.C);
    const t0 = performance.now();
    let steps = 0;
    let obj = Infinity;
    let reached = false;
    while (steps < maxSteps) {
      for (let s = 0; s < 10; s++) {
        opt.minimize(() => {
          const z = tf.add(tf.matMul(Xt, w), b);
          const data = tf.mean(tf.sub(tf.softplus(z), tf.mul(yt, z)));
          return tf.add(data, tf.mul(lam, tf.sum(tf.square(w))));
        });
      }
      steps += 10;
      const wv = Array.from(w.dataSync());
      const bv = b.dataSync()[0];
      obj = objective(spec, n, d, X, y, [wv], [bv]);
      if (target !== null && obj <= target * (1 + 1e-6)) {
        reached = true;
        break;
      }
      if (performance.now() - t0 > capMs) break;
    }
    const out = { coef: [Array.from(w.dataSync())], intercept: [b.dataSync()[0]], steps, reached, ms: performance.now() - t0, obj };
    w.dispose();
    b.dispose();
    opt.dispose();
    return out;
  };
  train(20); // warm-up: kernels compiled, buffers allocated
  gc();
  const before = memoryStatus();
  const peakReset = resetPeak();
  const times = [];
  let last = train(Number.MAX_SAFE_INTEGER);
  times.push(last.ms);
  const peak = memoryStatus();
  // Repeat only while it is cheap; a run that hits the cap is not repeated.
  while (last.reached && times.length < task.runs && last.ms < 5000) {
    last = train(Number.MAX_SAFE_INTEGER);
    times.push(last.ms);
  }
  return {
    times,
    warmupMs: null,
    baseRssMB: before?.rss ?? null,
    peakRssMB: peakReset ? (peak?.hwm ?? null) : null,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    coef: last.coef,
    intercept: last.intercept,
    nIter: last.steps,
    converged: last.reached,
    note: `${backend} backend, float32, Adam lr ${lr}, full batch; ${last.reached ? 'reached' : `did not reach (cap ${capMs / 1000} s)`} logit's objective within 1e-6`,
  };
}

const RUNNERS = {
  logit,
  'logit-tight': logit,
  'logit-1t': logit,
  'logit-stream': logit,
  'logit-shared': logit,
  'js-read': jsRead,
  'ml-logistic-regression': mlLogisticRegression,
  'tfjs-wasm': () => tfjs('wasm'),
  'tfjs-cpu': () => tfjs('cpu'),
};

let result;
try {
  const run = RUNNERS[contender];
  if (!run) throw new Error(`unknown JavaScript contender ${contender}`);
  const r = await run();
  delete r.out;
  result = { status: 'ok', ...r, warnings: [...new Set(warnings)] };
} catch (err) {
  result = { status: 'error', error: String(err?.stack ?? err) };
}
writeFileSync(task.resultFile, JSON.stringify(result));
