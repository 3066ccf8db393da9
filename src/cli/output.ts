import { randomBytes } from 'node:crypto';
import { closeSync, existsSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { inFile, usageError } from './errors.js';

/** `-` names standard input (for data) or standard output (for results). */
export const STDIO = '-';

/**
 * Checks, before any work is done, that `path` may be written: `-` always may; otherwise its
 * directory must exist and the file must not exist unless `force`. Throws a usage error (exit 1)
 * saying what to do. `flag` is the option that named the path, for the message. Cost: two stat calls.
 */
export function checkWritable(path: string, force: boolean, flag: string): void {
  if (path === STDIO) return;
  const dir = dirname(resolve(path));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw usageError(`${flag} ${path}: the directory ${dir} does not exist; create it first`);
  }
  if (existsSync(path)) {
    if (statSync(path).isDirectory()) throw usageError(`${flag} ${path} is a directory; give a file name`);
    if (!force) throw usageError(`${path} already exists; pass --force to overwrite it, or choose another ${flag}`);
  }
}

/** Test hook (see the CLI tests): stop half-way through writing a file until killed. */
const HOLD_ENV = 'LOGIT_TEST_HOLD_MIDWRITE';

/**
 * Writes `content` to `path` atomically: the bytes go to a temporary file in the same
 * directory (`.name.<random>.tmp`, created exclusively), which is flushed to disk and then
 * renamed over `path` in one step, so a reader (or a crash, or a kill) sees either the old file
 * or the complete new one, never a truncated one. Refuses to replace an existing file unless
 * `force`. `-` writes to standard output. Cost: O(size of content) plus one fsync.
 */
export function writeAtomic(path: string, content: string | Uint8Array, options: { force: boolean; flag: string }): void {
  if (path === STDIO) {
    writeStdout(content);
    return;
  }
  checkWritable(path, options.force, options.flag);
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  const tmp = join(dirname(resolve(path)), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(tmp, 'wx', 0o644);
    if (process.env[HOLD_ENV] === '1') {
      writeAll(fd, bytes.subarray(0, bytes.length >> 1));
      fsyncSync(fd);
      process.stderr.write(`holding mid-write of ${tmp}\n`);
      // Blocks this process until it is killed: the test's stand-in for a crash mid-write.
      for (;;) Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1000);
    }
    writeAll(fd, bytes);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(tmp, path);
  } catch (e) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(tmp);
    } catch {
      // Never created, or already renamed.
    }
    throw inFile(e, path, 'write');
  }
}

function writeAll(fd: number, bytes: Uint8Array): void {
  let off = 0;
  while (off < bytes.length) off += writeSync(fd, bytes, off, bytes.length - off);
}

/** Writes to standard output synchronously (so output is complete before the process exits, even into a pipe). */
export function writeStdout(content: string | Uint8Array): void {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  let off = 0;
  while (off < bytes.length) {
    try {
      off += writeSync(1, bytes, off, bytes.length - off);
    } catch (e) {
      const code = (e as { code?: string }).code;
      if (code === 'EAGAIN') continue; // a non-blocking pipe that is full: try again
      if (code === 'EPIPE') return; // the reader went away (`| head`): nothing more to say
      throw e;
    }
  }
}
