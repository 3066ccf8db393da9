// Datasets and cases of the benchmark, and the binary files that carry identical numbers to
// every contender: X as n·d little-endian float64 (row-major), y as n float64. numpy reads them
// with numpy.fromfile(path, '<f8'); the JavaScript children read them straight into a
// Float64Array. Every generated dataset has a fixed seed.
import { closeSync, openSync, readFileSync, readSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Sizes at full scale (issue 7) and in --quick mode (seconds in total, for the smoke test). */
export function datasets(quick) {
  const q = (full, small) => (quick ? small : full);
  return {
    'binary-100k': {
      title: `${q('100k', '2k')} × ${q(100, 10)} binary`,
      gen: 'classification',
      options: { nSamples: q(100_000, 2000), nFeatures: q(100, 10), nInformative: q(20, 4), nRedundant: q(10, 2), flipY: 0.05, seed: 7 },
    },
    'multi-50k': {
      title: `${q('50k', '1k')} × ${q(50, 8)}, ${q(10, 3)} classes`,
      gen: 'classification',
      options: { nSamples: q(50_000, 1000), nFeatures: q(50, 8), nInformative: q(20, 4), nRedundant: q(10, 2), nClasses: q(10, 3), flipY: 0.05, seed: 8 },
    },
    'binary-1m': {
      title: `${q('1M', '3k')} × ${q(20, 5)} binary`,
      gen: 'classification',
      options: { nSamples: q(1_000_000, 3000), nFeatures: q(20, 5), nInformative: q(10, 3), nRedundant: q(5, 1), flipY: 0.05, seed: 9 },
    },
    'bc-std': { title: 'breast cancer 569 × 30, standardised', gen: 'breastCancer', standardise: true },
    'bc-raw': { title: 'breast cancer 569 × 30, unscaled', gen: 'breastCancer', standardise: false },
    digits: { title: 'digits 1797 × 64, 10 classes (unscaled)', gen: 'digits' },
    'sparse-20k': {
      title: `${q('20k', '500')} × ${q(500, 20)} binary`,
      gen: 'classification',
      options: { nSamples: q(20_000, 500), nFeatures: q(500, 20), nInformative: q(20, 4), nRedundant: q(10, 2), flipY: 0.05, seed: 10 },
    },
    'regression-1m': {
      title: `${q('1M', '2k')} × ${q(50, 5)} regression`,
      gen: 'regression',
      options: { nSamples: q(1_000_000, 2000), nFeatures: q(50, 5), nInformative: q(20, 3), noise: 10, bias: 3, seed: 11 },
    },
  };
}

/**
 * The cases. `model`/`penalty`/`C`/`alpha` define the objective (objective.mjs); `contenders`
 * are the programs that fit it. 'sklearn*' and 'numpy*' run in Python, everything else in Node.
 * 'logit' runs with its defaults; 'logit-tight' with tol = 1e-4/(C·n), the stationarity that
 * scikit-learn 1.2.1's unscaled stopping rule asks for (see contender.mjs), on the L2 cases
 * where logit converges at its defaults (on digits and l1-20k it already stops at maxIter, so a
 * tighter tol changes nothing but the bill). ml-logistic-regression runs on the standardised
 * breast cancer set only: one default fit takes minutes on a loaded machine. 'logit' and
 * 'logit-tight' call `kernels.setThreads('auto')` first (scikit-learn's BLAS uses every core
 * too); 'logit-1t' is 'logit' on one thread; on the kernel case 'logit-stream' times the pass
 * without a pinned copy of X.
 */
export const CASES = [
  { name: 'binary-100k-l2', data: 'binary-100k', task: 'fit', model: 'binary', penalty: 'l2', C: 1, contenders: ['logit', 'logit-tight', 'logit-1t', 'sklearn'] },
  { name: 'multinomial-50k', data: 'multi-50k', task: 'fit', model: 'multinomial', penalty: 'l2', C: 1, contenders: ['logit', 'logit-tight', 'logit-1t', 'sklearn'] },
  { name: 'binary-1m', data: 'binary-1m', task: 'fit', model: 'binary', penalty: 'l2', C: 1, contenders: ['logit', 'logit-tight', 'logit-1t', 'sklearn'] },
  {
    name: 'breast-cancer-std',
    data: 'bc-std',
    task: 'fit',
    model: 'binary',
    penalty: 'l2',
    C: 1,
    contenders: ['logit', 'logit-tight', 'sklearn', 'ml-logistic-regression', 'tfjs-wasm', 'tfjs-cpu'],
    minRuns: 30,
  },
  { name: 'breast-cancer-raw', data: 'bc-raw', task: 'fit', model: 'binary', penalty: 'l2', C: 1, contenders: ['logit', 'logit-tight', 'sklearn'], minRuns: 30 },
  { name: 'digits', data: 'digits', task: 'fit', model: 'multinomial', penalty: 'l2', C: 1, contenders: ['logit', 'sklearn'], minRuns: 15 },
  { name: 'l1-20k', data: 'sparse-20k', task: 'fit', model: 'binary', penalty: 'l1', C: 0.01, contenders: ['logit', 'sklearn-saga', 'sklearn-liblinear'] },
  { name: 'least-squares-1m', data: 'regression-1m', task: 'fit', model: 'linear', penalty: 'none', contenders: ['logit', 'logit-1t', 'sklearn'] },
  { name: 'ridge-1m', data: 'regression-1m', task: 'fit', model: 'linear', penalty: 'l2', alpha: 1, contenders: ['logit', 'logit-1t', 'sklearn'] },
  { name: 'predict-proba-1m', data: 'binary-1m', task: 'proba', model: 'binary', penalty: 'l2', C: 1, contenders: ['logit', 'logit-shared', 'sklearn'], minRuns: 20 },
  {
    name: 'kernel-100k',
    data: 'binary-100k',
    task: 'kernel',
    model: 'binary',
    penalty: 'l2',
    C: 1,
    contenders: ['logit', 'logit-1t', 'logit-stream', 'js-read', 'numpy', 'numpy-read'],
  },
];

/** Contenders that run in Python (bench/sklearn_bench.py). */
export const isPython = (c) => c.startsWith('sklearn') || c.startsWith('numpy');

export function writeF64(path, arr) {
  writeFileSync(path, new Uint8Array(arr.buffer, arr.byteOffset, arr.byteLength));
}

/** Reads `count` float64 values straight into a new Float64Array (no intermediate Buffer copy). */
export function readF64(path, count) {
  const out = new Float64Array(count);
  const bytes = new Uint8Array(out.buffer);
  const fd = openSync(path, 'r');
  try {
    let pos = 0;
    while (pos < bytes.length) {
      const got = readSync(fd, bytes, pos, Math.min(bytes.length - pos, 1 << 30), pos);
      if (got === 0) throw new Error(`${path}: file ends after ${pos} bytes, expected ${bytes.length}`);
      pos += got;
    }
  } finally {
    closeSync(fd);
  }
  return out;
}

/** File names of a dataset inside the run's data folder. */
export function dataFiles(dir, key) {
  return { X: join(dir, `${key}.X.f64`), y: join(dir, `${key}.y.f64`), meta: join(dir, `${key}.json`) };
}

export function readMeta(dir, key) {
  return JSON.parse(readFileSync(dataFiles(dir, key).meta, 'utf8'));
}

/** Peak resident set (VmHWM) and current RSS in MB from /proc/self/status; null off Linux. */
export function memoryStatus() {
  try {
    const s = readFileSync('/proc/self/status', 'utf8');
    const kb = (key) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(s)[1]);
    return { hwm: kb('VmHWM') / 1024, rss: kb('VmRSS') / 1024 };
  } catch {
    return null;
  }
}

/** Resets VmHWM to the current RSS (Linux ≥ 4.0), so the next peak read belongs to what runs after. */
export function resetPeak() {
  try {
    writeFileSync('/proc/self/clear_refs', '5');
    return true;
  } catch {
    return false;
  }
}
