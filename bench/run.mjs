#!/usr/bin/env node
// logit's side-by-side benchmark (issue 7): npm run bench [-- options]
//
//   --cases a,b      only these cases (names or prefixes; default all)
//   --contenders a,b only these contenders (default all; 'logit' alone needs neither Python nor peers)
//   --runs N         timed runs per contender after one warm-up (default 5; cases with minRuns in bench/data.mjs get at least that many)
//   --quick          tiny sizes: seconds in total (the smoke test uses it)
//   --json           print the results as JSON on stdout (progress goes to stderr)
//   --out FILE|none  where the Markdown report goes (default bench/RESULTS.md; none with --quick)
//   --python PATH    Python with scikit-learn (default /usr/bin/python3); 'none' skips Python
//   --tfjs-cap S     TensorFlow.js time cap per run in seconds (default 60)
//   --ml-timeout S   ml-logistic-regression time limit in seconds (default 300)
//   --keep-data      keep the generated data files in /tmp
//   --render a.json,b.json  write one Markdown report from earlier --json outputs (no measuring)
//   --reuse DIR      resume an interrupted run from its data folder (kept by --keep-data or a
//                    kill): its data files and every finished contender's result are reused
//   --no-new         with --reuse: report contenders that had not finished as interrupted
//
// Each dataset is generated once with a fixed seed (logit's generators, or scikit-learn's
// load_digits exported by Python) and written to /tmp as float64 files that every contender
// reads, so all of them fit identical numbers. Every (case, contender) runs in its own child
// process, so the peak memory it reports is its own. The objective of every contender is
// computed by one function (objective.mjs) on the coefficients it returns.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem, tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CASES, dataFiles, datasets, isPython, readF64, readMeta, writeF64 } from './data.mjs';
import { objective, relativeGap } from './objective.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');

function parseArgs(argv) {
  const o = { cases: null, contenders: null, runs: 5, quick: false, json: false, out: undefined, python: '/usr/bin/python3', tfjsCap: 60, mlTimeout: 300, keepData: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = () => {
      if (i + 1 >= argv.length) throw new Error(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--cases') o.cases = val().split(',').filter(Boolean);
    else if (a === '--contenders') o.contenders = val().split(',').filter(Boolean);
    else if (a === '--runs') o.runs = Number(val());
    else if (a === '--quick') o.quick = true;
    else if (a === '--json') o.json = true;
    else if (a === '--out') o.out = val();
    else if (a === '--python') o.python = val();
    else if (a === '--tfjs-cap') o.tfjsCap = Number(val());
    else if (a === '--ml-timeout') o.mlTimeout = Number(val());
    else if (a === '--keep-data') o.keepData = true;
    else if (a === '--render') o.render = val().split(',').filter(Boolean);
    else if (a === '--reuse') o.reuse = val();
    else if (a === '--no-new') o.noNew = true;
    else throw new Error(`unknown option ${a} (see the top of bench/run.mjs)`);
  }
  if (!Number.isInteger(o.runs) || o.runs < 1) throw new Error(`--runs must be an integer ≥ 1; received ${o.runs}`);
  if (o.out === undefined) o.out = o.quick ? 'none' : join(HERE, 'RESULTS.md');
  return o;
}

const opts = parseArgs(process.argv.slice(2));
const log = (...a) => console.error(...a);

// --render a.json,b.json: no measuring; one report from the --json output of earlier invocations
// (each case was measured side by side within its own invocation).
if (opts.render) {
  const parts = opts.render.map((f) => JSON.parse(readFileSync(f, 'utf8')));
  const env = { ...parts[0].machine, dates: parts.map((p) => p.machine.date), runs: parts[0].options.runs };
  const cases = parts.flatMap((p) => p.cases);
  const goals = parts.flatMap((p) => p.targets);
  writeFileSync(opts.out, markdown(env, goals, null, cases));
  log(`wrote ${relative(process.cwd(), opts.out)} from ${opts.render.join(', ')}`);
  process.exit(0);
}

if (!existsSync(join(ROOT, 'dist', 'index.js'))) {
  log('dist/index.js is missing: run `npm run build` at the repository root first (npm run bench does).');
  process.exit(2);
}
const lib = await import('../dist/index.js');

const selectedCases = CASES.filter((c) => opts.cases === null || opts.cases.some((p) => c.name === p || c.name.startsWith(p)));
if (selectedCases.length === 0) throw new Error(`--cases ${opts.cases.join(',')} matches none of ${CASES.map((c) => c.name).join(', ')}`);
const wanted = (c) => opts.contenders === null || opts.contenders.includes(c);

// ---- Python ---------------------------------------------------------------------------------
let python = null; // versions, when scikit-learn is importable
let pythonWhyNot = 'not requested';
const needPython = selectedCases.some((c) => c.contenders.some((k) => isPython(k) && wanted(k))) || (selectedCases.some((c) => c.data === 'digits') && wanted('sklearn'));
if (needPython && opts.python !== 'none') {
  const r = spawnSync(opts.python, [join(HERE, 'sklearn_bench.py'), 'versions'], { encoding: 'utf8' });
  if (r.status === 0) {
    const v = JSON.parse(r.stdout);
    if (v.sklearn) python = v;
    else pythonWhyNot = `scikit-learn is not importable by ${opts.python} (${v.error})`;
  } else pythonWhyNot = `${opts.python} did not run (${r.error?.message ?? r.stderr.trim().split('\n').pop()})`;
} else if (opts.python === 'none') pythonWhyNot = '--python none';

// ---- data -----------------------------------------------------------------------------------
const dataDir = opts.reuse ?? mkdtempSync(join(tmpdir(), 'logit-bench-'));
log(`data folder ${dataDir}`);
const DATA = datasets(opts.quick);
const made = new Map(); // key -> meta, or { error }

function makeData(key) {
  if (made.has(key)) return made.get(key);
  const spec = DATA[key];
  const files = dataFiles(dataDir, key);
  const t0 = performance.now();
  let meta;
  if (opts.reuse && existsSync(files.meta)) meta = readMeta(dataDir, key);
  else if (spec.gen === 'digits') {
    if (python === null) {
      meta = { error: `needs scikit-learn's load_digits (${pythonWhyNot})` };
      made.set(key, meta);
      return meta;
    }
    const r = spawnSync(opts.python, [join(HERE, 'sklearn_bench.py'), 'export-digits', dataDir], { encoding: 'utf8' });
    if (r.status !== 0) meta = { error: `export-digits failed: ${r.stderr}` };
    else meta = readMeta(dataDir, key);
  } else {
    let X;
    let y;
    let K = null;
    if (spec.gen === 'classification') {
      const g = lib.makeClassification(spec.options);
      X = g.X.data;
      y = Float64Array.from(g.y);
      K = spec.options.nClasses ?? 2;
    } else if (spec.gen === 'regression') {
      const g = lib.makeRegression(spec.options);
      X = g.X.data;
      y = g.y;
    } else if (spec.gen === 'breastCancer') {
      const bc = lib.loadBreastCancer();
      X = spec.standardise ? new lib.StandardScaler().fitTransform(bc.X).data : bc.X.data;
      y = Float64Array.from(bc.y);
      K = 2;
    }
    const n = y.length;
    const d = X.length / n;
    writeF64(files.X, X);
    writeF64(files.y, y);
    meta = { n, d, K, source: spec.gen, options: spec.options ?? null };
    writeFileSync(files.meta, JSON.stringify(meta));
  }
  if (!meta.error) {
    meta.title = spec.title;
    meta.sizeXMB = (meta.n * meta.d * 8) / 2 ** 20;
    log(`data ${key}: ${meta.n} × ${meta.d} (${meta.sizeXMB.toFixed(1)} MB) in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }
  made.set(key, meta);
  return meta;
}

// ---- one contender in a child process -------------------------------------------------------
function runContender(c, meta, contender, target) {
  const resultFile = join(dataDir, `result-${c.name}-${contender}.json`);
  if (opts.reuse && existsSync(resultFile)) {
    log(`${c.name}: ${contender} reused from ${resultFile}`);
    return JSON.parse(readFileSync(resultFile, 'utf8'));
  }
  if (opts.noNew) return { status: 'interrupted', error: 'the run was stopped before this contender finished (machine time ran out)' };
  // Cases of a few milliseconds get at least c.minRuns timed runs (every contender alike): their
  // medians would otherwise mostly time a JIT still warming up. The first call is reported too.
  const runs = opts.quick ? opts.runs : Math.max(opts.runs, c.minRuns ?? 0);
  const task = { quick: opts.quick, spec: c, meta, files: dataFiles(dataDir, c.data), contender, runs, resultFile, target, capMs: opts.tfjsCap * 1000 };
  const taskFile = join(dataDir, `task-${c.name}-${contender}.json`);
  writeFileSync(taskFile, JSON.stringify(task));
  let cmd;
  let args;
  if (isPython(contender)) {
    cmd = opts.python;
    args = [join(HERE, 'sklearn_bench.py'), taskFile];
  } else {
    cmd = process.execPath;
    args = ['--expose-gc', join(HERE, 'contender.mjs'), taskFile];
  }
  let timeoutS = 1800;
  if (contender === 'ml-logistic-regression') timeoutS = opts.mlTimeout;
  if (contender.startsWith('tfjs')) timeoutS = opts.tfjsCap * (opts.runs + 2) + 120;
  const t0 = performance.now();
  const r = spawnSync(cmd, args, { encoding: 'utf8', timeout: timeoutS * 1000, killSignal: 'SIGKILL', maxBuffer: 1 << 26 });
  const wall = (performance.now() - t0) / 1000;
  if (r.error?.code === 'ETIMEDOUT' || (r.signal === 'SIGKILL' && !existsSync(resultFile))) {
    return { status: 'timeout', error: `no result within ${timeoutS} s (killed)` };
  }
  if (!existsSync(resultFile)) return { status: 'error', error: `exit ${r.status}${r.signal ? ` (${r.signal})` : ''}: ${(r.stderr || '').trim().slice(-2000)}` };
  const res = JSON.parse(readFileSync(resultFile, 'utf8'));
  res.wallSeconds = wall;
  return res;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// ---- the cases ------------------------------------------------------------------------------
const results = [];
for (const c of selectedCases) {
  const contenders = c.contenders.filter(wanted);
  const entry = { name: c.name, task: c.task, model: c.model, penalty: c.penalty, C: c.C ?? null, alpha: c.alpha ?? null, data: c.data, contenders: {} };
  results.push(entry);
  if (contenders.length === 0) {
    entry.skipped = 'no selected contender';
    continue;
  }
  if (opts.noNew && !existsSync(dataFiles(dataDir, c.data).meta)) {
    entry.skipped = 'interrupted: the run was stopped before this case started';
    continue;
  }
  const meta = makeData(c.data);
  if (meta.error) {
    entry.skipped = meta.error;
    log(`${c.name}: skipped (${meta.error})`);
    continue;
  }
  Object.assign(entry, { title: meta.title, n: meta.n, d: meta.d, K: meta.K, sizeXMB: meta.sizeXMB });
  const X = c.task === 'fit' ? readF64(dataFiles(dataDir, c.data).X, meta.n * meta.d) : null;
  const y = c.task === 'fit' ? readF64(dataFiles(dataDir, c.data).y, meta.n) : null;
  let target = null;
  for (const k of contenders) {
    let res;
    if (isPython(k) && python === null) res = { status: 'skipped', error: pythonWhyNot };
    else {
      log(`${c.name}: ${k} ...`);
      res = runContender(c, meta, k, target);
    }
    if (res.status === 'ok') {
      res.median = median(res.times);
      res.min = Math.min(...res.times);
      res.max = Math.max(...res.times);
      if (c.task === 'fit' && res.coef) {
        res.objective = objective(c, meta.n, meta.d, X, y, res.coef, res.intercept);
        if (k === 'logit') target = res.objective;
      }
      if (c.task === 'proba') res.rowsPerSecond = meta.n / (res.median / 1000);
      delete res.coef;
      log(`${c.name}: ${k} median ${res.median.toFixed(2)} ms${res.objective !== undefined ? `, objective ${res.objective}` : ''}`);
    } else log(`${c.name}: ${k} ${res.status}: ${String(res.error).split('\n')[0]}`);
    entry.contenders[k] = res;
  }
  const objs = Object.values(entry.contenders).filter((r) => r.objective !== undefined && Number.isFinite(r.objective));
  if (objs.length > 0) {
    entry.bestObjective = Math.min(...objs.map((r) => r.objective));
    for (const r of objs) r.gap = relativeGap(r.objective, entry.bestObjective);
  }
  const lg = entry.contenders.logit;
  if (lg?.status === 'ok') {
    for (const [k, r] of Object.entries(entry.contenders)) if (k !== 'logit' && r.status === 'ok') r.logitRatio = lg.median / r.median;
  }
  // A partial report after every case, so a run stopped halfway still leaves its numbers.
  if (opts.out !== 'none') writeFileSync(opts.out, markdown(machine(), targets(), `partial: ${results.length} of ${selectedCases.length} cases done`, results));
}
if (!opts.keepData && !opts.reuse) rmSync(dataDir, { recursive: true, force: true });

// ---- targets --------------------------------------------------------------------------------
function targets() {
  const out = [];
  for (const e of results) {
    const lg = e.contenders.logit;
    if (!lg || lg.status !== 'ok') continue;
    if (e.task === 'fit' || e.task === 'proba') {
      for (const v of ['logit', 'logit-tight', 'logit-shared']) {
        const me = e.contenders[v];
        if (me?.status !== 'ok') continue;
        for (const [k, r] of Object.entries(e.contenders)) {
          if (!k.startsWith('sklearn') || r.status !== 'ok') continue;
          const ratio = me.median / r.median;
          // "No worse": within 1e-9 relative, the rounding noise of two float64 sums over X.
          const gap = e.task === 'fit' ? relativeGap(me.objective, r.objective) : 0;
          const noWorse = gap <= 1e-9;
          out.push({
            case: e.name,
            target: `${v} time ≤ 0.5 × ${k}${e.task === 'fit' ? ' at an objective no worse' : ''}`,
            value: `${ratio.toFixed(2)} ×${e.task === 'fit' ? `, objective ${noWorse ? (gap < -1e-9 ? `better by ${(-gap).toExponential(1)}` : 'equal or better') : `worse by ${gap.toExponential(1)}`}` : ''}`,
            met: ratio <= 0.5 && noWorse,
            weak: ratio <= 1 && noWorse,
          });
        }
      }
    }
    if (e.task === 'fit' && lg.peakRssMB !== null && lg.peakRssMB !== undefined) {
      // The runtime's own baseline (Node ≈ 50 MB before any data) is not the fit's doing: judge
      // X plus what the fit adds on top of the RSS it started from.
      const limit = 1.5 * e.sizeXMB + 50;
      const used = e.sizeXMB + (lg.peakRssMB - lg.baseRssMB);
      out.push({
        case: e.name,
        target: `memory during fit: size of X + (peak − RSS before fit) ≤ 1.5 × size of X + 50 MB = ${limit.toFixed(0)} MB`,
        value: `${used.toFixed(0)} MB (process peak ${lg.peakRssMB.toFixed(0)} MB)`,
        met: used <= limit,
      });
    }
    const ml = e.contenders['ml-logistic-regression'];
    if (ml?.status === 'ok') {
      const speed = ml.median / lg.median;
      out.push({ case: e.name, target: '≥ 1000 × faster than ml-logistic-regression, better loss', value: `${speed.toFixed(0)} ×, objective ${lg.objective <= ml.objective ? 'better' : 'worse'}`, met: speed >= 1000 && lg.objective <= ml.objective });
    } else if (ml) out.push({ case: e.name, target: '≥ 1000 × faster than ml-logistic-regression', value: ml.status, met: null });
    for (const k of ['tfjs-wasm', 'tfjs-cpu']) {
      const tf = e.contenders[k];
      if (tf?.status !== 'ok') continue;
      const speed = tf.median / lg.median;
      out.push({ case: e.name, target: `≥ 50 × faster than ${k} to the same objective`, value: `${speed.toFixed(0)} ×${tf.converged ? '' : ` (${k} never reached it: time to its cap)`}`, met: speed >= 50 });
    }
    const rd = e.contenders['js-read'];
    if (e.task === 'kernel' && rd?.status === 'ok') {
      for (const v of ['logit', 'logit-1t', 'logit-stream']) {
        const me = e.contenders[v];
        if (me?.status !== 'ok') continue;
        const q = me.median / rd.median;
        out.push({ case: e.name, target: `fused pass (${v}) ≤ 1.5 × a pass that only reads X (one thread)`, value: `${q.toFixed(2)} ×`, met: q <= 1.5 });
      }
    }
  }
  return out;
}

// ---- report ---------------------------------------------------------------------------------
function machine() {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const m = /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m) cpu = m[1].trim();
  } catch {}
  const version = (p) => {
    try {
      return JSON.parse(readFileSync(join(HERE, 'node_modules', p, 'package.json'), 'utf8')).version;
    } catch {
      return null;
    }
  };
  return {
    cpu,
    cores: cpus().length,
    memoryGB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    logit: JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version,
    python: python ?? { unavailable: pythonWhyNot },
    peers: { 'ml-logistic-regression': version('ml-logistic-regression'), '@tensorflow/tfjs': version('@tensorflow/tfjs'), '@tensorflow/tfjs-backend-wasm': version('@tensorflow/tfjs-backend-wasm') },
    date: new Date().toISOString(),
    runs: opts.runs,
    // 1-minute load average when the report was written: on a shared machine, the noise level.
    loadAverage: loadavg()[0],
  };
}

function fmtMs(v) {
  return v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2);
}
function fmtGap(g) {
  return g === undefined ? '' : g === 0 ? '0 (best)' : g.toExponential(1);
}

function markdown(env, goals, partial, cases) {
  const python = env.python?.sklearn ? env.python : null;
  const L = [];
  L.push('# logit benchmark results', '');
  if (partial) L.push(`**Incomplete run (${partial}).**`, '');
  L.push(`Generated by \`npm run bench\` (bench/run.mjs) on ${(env.dates ?? [env.date]).map((d) => `${d.slice(0, 16).replace('T', ' ')} UTC`).join(' and ')}${env.dates ? ` (${env.dates.length} invocations, each case measured side by side within one)` : ''}, ${env.runs} timed runs per contender after one warm-up (at least 30 on the millisecond cases; each row says how many).`, '');
  L.push(
    `> **Reading these numbers.** Times are only as quiet as the machine: the load average when the report was written is under Machine (≈ 1 means one busy core, from this run itself). scikit-learn (OpenBLAS) uses every core, and so do \`logit\` and \`logit-tight\` (\`kernels.setThreads('auto')\`); \`logit-1t\` is logit on one thread. Each case is measured side by side within one invocation, so ratios are more robust than absolute times.`,
    '',
  );
  L.push('## Machine', '');
  L.push(`- CPU: ${env.cpu}, ${env.cores} cores; memory ${env.memoryGB} GB${env.loadAverage !== undefined ? `; load average ${env.loadAverage.toFixed(1)} when written` : ''}`);
  L.push(`- Node ${env.node}; logit ${env.logit} (dist/ of this checkout)`);
  if (python) L.push(`- Python ${python.python}, scikit-learn ${python.sklearn}, numpy ${python.numpy}, scipy ${python.scipy}; BLAS: ${python.openblas ?? 'unknown'}`);
  else L.push(`- scikit-learn: skipped (${env.python?.unavailable})`);
  L.push(`- ml-logistic-regression ${env.peers['ml-logistic-regression'] ?? '(not installed)'}; @tensorflow/tfjs ${env.peers['@tensorflow/tfjs'] ?? '(not installed)'} (cpu backend) and @tensorflow/tfjs-backend-wasm ${env.peers['@tensorflow/tfjs-backend-wasm'] ?? '(not installed)'}`, '');
  L.push('## Results', '');
  L.push(
    'Time: median [min, max] of the timed runs, milliseconds (for `predict-proba` the call, for `kernel` one pass). Objective: scikit-learn\'s objective (C·Σℓ + ½‖W‖², C·Σℓ + ‖W‖₁, Σr², Σr² + α‖w‖²) computed by one JavaScript function (bench/objective.mjs) on each contender\'s coefficients; gap: relative to the best any contender reached. Peak: VmHWM of the contender\'s own process during its warm-up call (reset just before it), with the RSS before the call in parentheses. logit ÷: logit\'s median over this contender\'s median (< 1: logit faster).',
    '',
  );
  L.push('| case | contender | time ms | iterations | objective | gap | peak MB (before) | logit ÷ | notes |');
  L.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
  for (const e of cases) {
    const head = `${e.name}${e.title ? ` (${e.title})` : ''}`;
    if (e.skipped) {
      L.push(`| ${head} | | | | | | | | skipped: ${e.skipped} |`);
      continue;
    }
    for (const [k, r] of Object.entries(e.contenders)) {
      if (r.status !== 'ok') {
        L.push(`| ${head} | ${k} | ${r.status} | | | | | | ${String(r.error).split('\n')[0].replace(/\|/g, '/').slice(0, 200)} |`);
        continue;
      }
      const time = `${fmtMs(r.median)} [${fmtMs(r.min)}, ${fmtMs(r.max)}]${r.times.length === 1 ? ' (1 run)' : ''}`;
      const obj = r.objective !== undefined ? r.objective.toPrecision(10) : e.task === 'proba' ? `${(r.rowsPerSecond / 1e6).toFixed(1)} M rows/s` : '';
      const peak = r.peakRssMB != null ? `${r.peakRssMB.toFixed(0)} (${r.baseRssMB?.toFixed(0)})` : '';
      const first = typeof r.warmupMs === 'number' && r.times?.length > 1 ? `first call ${fmtMs(r.warmupMs)} ms, ${r.times.length} timed runs` : null;
      const notes = [r.note, first, r.converged === false ? 'not converged' : null, ...(r.warnings ?? []).map((w) => w.slice(0, 120))].filter(Boolean).join('; ').replace(/\|/g, '/');
      L.push(`| ${head} | ${k} | ${time} | ${r.nIter ?? ''} | ${obj} | ${fmtGap(r.gap)} | ${peak} | ${r.logitRatio !== undefined ? r.logitRatio.toFixed(2) : ''} | ${notes} |`);
    }
  }
  L.push('', '## Targets (issue 7)', '');
  L.push('| case | target | measured | met |');
  L.push('| --- | --- | --- | --- |');
  for (const g of goals) L.push(`| ${g.case} | ${g.target} | ${g.value} | ${g.met === null ? 'n/a' : g.met ? 'yes' : g.weak ? 'no (≤ 1 ×)' : 'no'} |`);
  L.push('', '## Notes', '');
  L.push(
    '- Data: every dataset is made once per invocation with a fixed seed (logit\'s `makeClassification` / `makeRegression`, the bundled breast cancer set, scikit-learn\'s `load_digits`), written to /tmp as float64 files, and read by every contender (numpy.fromfile on the Python side), so all of them fit the same numbers. Sizes and seeds: bench/data.mjs.',
    '- Every (case, contender) runs in its own process; timings exclude loading and converting the data. scikit-learn runs with its defaults apart from the penalty, C and solver named; logit with its defaults apart from penalty and C (`solver: auto`, `tol 1e-4`, `maxIter 100`), `Ridge`/`LinearRegression` with defaults.',
    "- `logit` runs with its defaults (tol 1e-4 on the gradient of the objective divided by C·n, scikit-learn ≥ 1.4's scaling). scikit-learn 1.2.1's lbfgs applies tol 1e-4 to the gradient of the unscaled objective, n times stricter, so on large n it stops closer to the optimum; `logit-tight` (tol = 1e-4/(C·n)) asks logit for that same stationarity. The time targets are judged for both, with \"objective no worse\" meaning within 1e-9 relative.",
    '- The memory target is judged as the size of X plus what the fit adds to the process\'s RSS (peak during the warm-up fit minus the RSS before it): the runtime\'s own baseline (Node about 50 MB, Python with scikit-learn about 100 MB) is not the fit\'s doing. The process peak is shown too.',
    '- ml-logistic-regression runs its defaults once (no warm-up, 50,000 full-batch gradient steps, no intercept, no penalty) under a time limit; its objective is evaluated with the intercept at 0.',
    '- TensorFlow.js (@tensorflow/tfjs with its cpu backend, and the wasm backend; tfjs-node needs a native download and is not usable here) trains a sigmoid dense layer full batch with Adam in float32 until its float64 objective is within 1e-6 relative of logit\'s, or the time cap; its time is the time to that point.',
    '- liblinear penalises the intercept (intercept_scaling), so under the common objective its solution scores slightly above the optimum.',
    '- The kernel case times one call of `kernels.binaryLogisticPass` (loss and gradient, one fused pass over 100k × 100 float64) against a JavaScript loop that only sums X (the memory-bandwidth reference), and numpy\'s two BLAS passes for comparison.',
  );
  const skipped = cases.flatMap((e) => (e.skipped ? [`${e.name}: ${e.skipped}`] : Object.entries(e.contenders).filter(([, r]) => r.status !== 'ok').map(([k, r]) => `${e.name} / ${k}: ${r.status} (${String(r.error).split('\n')[0]})`)));
  for (const s of skipped) L.push(`- Not measured: ${s.replace(/\|/g, '/')}`);
  return `${L.join('\n')}\n`;
}

const env = machine();
const goals = targets();
const report = { machine: env, options: { ...opts, out: opts.out === 'none' ? null : relative(ROOT, opts.out) }, cases: results, targets: goals };
if (opts.out !== 'none') {
  writeFileSync(opts.out, markdown(env, goals, null, results));
  log(`wrote ${relative(process.cwd(), opts.out)}`);
}
if (opts.json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
else if (opts.out === 'none') process.stdout.write(markdown(env, goals, null, results));
