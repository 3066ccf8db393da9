import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './helpers.js';

/** The built command line (npm test builds before running the suite). */
export const BIN = join(ROOT, 'dist', 'cli', 'main.js');

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Environment for child runs: no forced progress mode, no colours, no test hooks unless asked. */
function env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = { ...process.env, NO_COLOR: '1', ...extra };
  delete e.LOGIT_PROGRESS;
  if (!('LOGIT_TEST_HOLD_MIDWRITE' in extra)) delete e.LOGIT_TEST_HOLD_MIDWRITE;
  return e;
}

/** Runs `logit args…` to completion with pipes for stdin/stdout/stderr. */
export function logit(args: string[], options: { cwd: string; input?: string; env?: Record<string, string> }): RunResult {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd: options.cwd, input: options.input ?? '', env: env(options.env), encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Runs `logit args…` inside a pseudo-terminal (util-linux `script`), so standard error is a TTY.
 * Returns everything the terminal received (stdout and stderr together).
 */
export function logitInTerminal(args: string[], cwd: string): RunResult {
  const quote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;
  const command = [process.execPath, BIN, ...args].map(quote).join(' ');
  const r = spawnSync('script', ['-qec', command, '/dev/null'], { cwd, env: { ...env(), TERM: 'xterm', COLUMNS: '120' }, encoding: 'utf8', timeout: 30_000 });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Starts `logit args…` and resolves once its standard error contains `marker`, then kills it with SIGKILL. */
export function killWhen(args: string[], marker: string, options: { cwd: string; env: Record<string, string> }): Promise<{ stderr: string; signal: string | null }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd, env: env(options.env), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out waiting for ${JSON.stringify(marker)}; stderr: ${stderr}`));
    }, 20_000);
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
      if (stderr.includes(marker)) child.kill('SIGKILL');
    });
    child.on('exit', (_code, signal) => {
      clearTimeout(timer);
      resolve({ stderr, signal });
    });
  });
}

/** A fresh temporary directory and its cleanup. */
export function tempDir(): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'logit-cli-'));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}
