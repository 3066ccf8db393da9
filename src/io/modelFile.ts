import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { LogitRangeError, LogitTypeError, describe, isLogitError } from '../core/errors.js';
import { fromJSON, type LogitObject } from '../pipeline/fromJSON.js';
import type { ReadOptions } from '../pipeline/registry.js';

/**
 * Model files: one logit JSON document per file (see `fromJSON`), written atomically.
 * Node only (this module is part of `logit/io`, never of the core).
 */

export interface SaveOptions {
  /**
   * Replace an existing file (default false: saving onto an existing path throws, so a model is
   * never overwritten by accident; the CLI keeps this default).
   */
  force?: boolean;
  /** Readers for your own step classes, used to check the document loads before it is written. */
  readers?: ReadOptions['readers'];
}

/** Something with a logit `toJSON()`: every model, transformer and Pipeline. */
export interface Saveable {
  toJSON(): unknown;
}

function ioError(message: string, path: string, cause: unknown): LogitRangeError {
  const e = new LogitRangeError(message, { parameter: 'path', value: path });
  (e as { cause?: unknown }).cause = cause;
  return e;
}

const code = (e: unknown): string | undefined => (e as { code?: string } | null)?.code;

/**
 * Writes `model.toJSON()` to `path` atomically: the document is first checked to load back to
 * the identical document (so a file that cannot be read is never written), then written to a
 * temporary file in the same directory, flushed to disk (fsync), and moved into place in one
 * step: rename(2) with `force`, link(2) without (which fails if `path` exists, with no window
 * between the check and the write). The directory is fsynced too. A crash at any moment leaves
 * either the old file or the new one, never a truncated mix; at worst a stray `.name.*.tmp`
 * file stays behind. Cost: O(size of the document).
 */
export async function save(model: Saveable, path: string, options: SaveOptions = {}): Promise<void> {
  if (model === null || typeof model !== 'object' || typeof (model as Saveable).toJSON !== 'function') {
    throw new LogitTypeError(`save needs a logit model, transformer or Pipeline (something with toJSON); received ${describe(model)}`, { parameter: 'model', value: model });
  }
  if (typeof path !== 'string' || path.length === 0) throw new LogitTypeError(`path must be a non-empty string; received ${describe(path)}`, { parameter: 'path', value: path });
  const force = options.force ?? false;
  if (typeof force !== 'boolean') throw new LogitTypeError(`option force must be true or false; received ${describe(force)}`, { parameter: 'force', value: force });

  const text = JSON.stringify(model.toJSON());
  let reread: string;
  try {
    reread = JSON.stringify(fromJSON(JSON.parse(text), { readers: options.readers }));
  } catch (e) {
    if (isLogitError(e)) e.message = `save would write a document that does not load back: ${e.message}`;
    throw e;
  }
  if (reread !== text) throw new LogitRangeError('save would write a document that does not load back to itself; refusing to write it', { parameter: 'model' });

  if (!force && (await exists(path))) throw new LogitRangeError(`${path} already exists; pass { force: true } to replace it`, { parameter: 'path', value: path });
  const dir = dirname(path);
  const tmp = join(dir, `.${basename(path)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
  let placed = false;
  try {
    const fh = await open(tmp, 'wx', 0o644);
    try {
      await fh.writeFile(`${text}\n`, 'utf8');
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (force) {
      await rename(tmp, path);
      placed = true;
    } else {
      try {
        await link(tmp, path);
      } catch (e) {
        if (code(e) === 'EEXIST') throw new LogitRangeError(`${path} already exists; pass { force: true } to replace it`, { parameter: 'path', value: path });
        // File systems without hard links: check, then rename (a small race instead of none).
        if (!['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV'].includes(code(e) ?? '')) throw e;
        if (await exists(path)) throw new LogitRangeError(`${path} already exists; pass { force: true } to replace it`, { parameter: 'path', value: path });
        await rename(tmp, path);
        placed = true;
      }
    }
    await syncDirectory(dir);
  } catch (e) {
    if (isLogitError(e)) throw e;
    throw ioError(`could not save the model to ${path}: ${(e as Error).message}`, path, e);
  } finally {
    if (!placed) await unlink(tmp).catch(() => undefined);
  }
}

/**
 * Reads a model file written by {@link save} (or any logit JSON document) and rebuilds the
 * object with `fromJSON`, which checks every field before building. Errors name the file.
 * Cost: O(size of the file).
 */
export async function load(path: string, options: ReadOptions = {}): Promise<LogitObject> {
  if (typeof path !== 'string' || path.length === 0) throw new LogitTypeError(`path must be a non-empty string; received ${describe(path)}`, { parameter: 'path', value: path });
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw ioError(`could not read the model file ${path}: ${(e as Error).message}`, path, e);
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw ioError(`${path} is not valid JSON (${(e as Error).message}); the file is damaged or not a logit model`, path, e);
  }
  try {
    return fromJSON(doc, options);
  } catch (e) {
    if (isLogitError(e)) e.message = `${path}: ${e.message}`;
    throw e;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (e) {
    if (code(e) === 'ENOENT') return false;
    throw e;
  }
}

/** fsync the directory so the rename itself survives a power cut (not possible on every platform; best effort there). */
async function syncDirectory(dir: string): Promise<void> {
  let fh;
  try {
    fh = await open(dir, 'r');
    await fh.sync();
  } catch (e) {
    if (!['EISDIR', 'EINVAL', 'EPERM', 'EACCES', 'ENOTSUP', 'EBADF'].includes(code(e) ?? '')) throw e;
  } finally {
    await fh?.close();
  }
}
