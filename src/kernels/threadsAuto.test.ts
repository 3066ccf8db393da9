import { afterEach, describe, expect, it, vi } from 'vitest';

// Each case loads fresh copies of the kernel modules: the pool and the "chosen" flag are
// module state.
async function fresh() {
  vi.resetModules();
  const backend = await import('./backend.js');
  const threads = await import('./threads.js');
  const os = await import('node:os');
  return { ...backend, ...threads, cores: Math.min(8, os.availableParallelism()) };
}

async function until(cond: () => boolean, ms: number): Promise<void> {
  const t0 = Date.now();
  while (!cond() && Date.now() - t0 < ms) await new Promise((r) => setTimeout(r, 10));
}

const n = 700;
const d = 400; // 280,000 entries ≥ 2¹⁸: sliced, so a fit may use threads

afterEach(() => {
  delete process.env.LOGIT_THREADS;
});

describe('automatic start of the worker threads', () => {
  it('the first large pin starts workers for the cores in the background; that pin stays on one thread', async () => {
    const k = await fresh();
    expect(k.threads()).toBe(1);
    const X = new Float64Array(n * d).fill(0.5);
    const first = k.pinForPasses(X, n, d) as { kind?: string };
    expect(first.kind).toBeUndefined();
    await until(() => k.threads() === k.cores, 5000);
    expect(k.threads()).toBe(k.cores);
    if (k.cores > 1) expect((k.pinForPasses(X, n, d) as { kind?: string }).kind).toBe('threaded');
    await k.setThreads(1);
  });

  it('small data never starts workers', async () => {
    const k = await fresh();
    const X = new Float64Array(100 * 100).fill(1);
    k.pinForPasses(X, 100, 100);
    await new Promise((r) => setTimeout(r, 200));
    expect(k.threads()).toBe(1);
  });

  it('LOGIT_THREADS=1 keeps everything on the calling thread; LOGIT_THREADS=2 starts one worker', async () => {
    process.env.LOGIT_THREADS = '1';
    let k = await fresh();
    const X = new Float64Array(n * d).fill(0.5);
    k.pinForPasses(X, n, d);
    await new Promise((r) => setTimeout(r, 300));
    expect(k.threads()).toBe(1);
    process.env.LOGIT_THREADS = '2';
    k = await fresh();
    k.pinForPasses(X, n, d);
    await until(() => k.threads() === 2, 5000);
    expect(k.threads()).toBe(2);
    await k.setThreads(1);
  });

  it('an explicit setThreads during an automatic start wins', async () => {
    const k = await fresh();
    const X = new Float64Array(n * d).fill(0.5);
    k.pinForPasses(X, n, d); // starts 'auto' in the background
    expect(await k.setThreads(1)).toBe(1);
    await new Promise((r) => setTimeout(r, 500));
    expect(k.threads()).toBe(1);
  });
});
