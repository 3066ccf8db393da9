import { isLogitError } from '../core/errors.js';

/**
 * The command line's exit codes: 0 success, 1 the command line itself is wrong (unknown
 * option, missing argument, a value that is not a number, an output file that exists without
 * --force), 2 the data or the model is wrong (a file that cannot be read or parsed, a column
 * that is not there, a model document that does not validate, a fit that cannot run).
 */
export const EXIT_OK = 0;
export const EXIT_USAGE = 1;
export const EXIT_DATA = 2;

/** An error the command line reports as one line and an exit code. */
export class CliError extends Error {
  readonly exitCode: number;
  /** The file the problem is in, when there is one (shown as the message's prefix). */
  readonly file?: string;
  constructor(message: string, exitCode: number, file?: string) {
    super(message);
    this.name = 'CliError';
    this.exitCode = exitCode;
    if (file !== undefined) this.file = file;
  }
}

/** The command line is wrong: exit 1. */
export function usageError(message: string): CliError {
  return new CliError(message, EXIT_USAGE);
}

/** The data or model in `file` is wrong: exit 2. */
export function dataError(message: string, file?: string): CliError {
  return new CliError(message, EXIT_DATA, file);
}

/** Node's file-system error codes turned into what to do. */
const FS_HINTS: Record<string, string> = {
  ENOENT: 'no such file; check the path',
  EACCES: 'permission denied; check the file permissions',
  EPERM: 'operation not permitted; check the file permissions',
  EISDIR: 'is a directory; give a file',
  ENOTDIR: 'a part of the path is not a directory; check the path',
  ENOSPC: 'no space left on the device; free some space and retry',
  EROFS: 'read-only file system; write somewhere else',
};

/**
 * Wraps a failure while reading or writing `file` as a data error naming the file: a Node
 * file-system error becomes "cannot read data.csv: no such file; check the path"; a logit error
 * (which already names the row, column and value) keeps its message, prefixed with the file.
 * Cost: O(1).
 */
export function inFile(e: unknown, file: string, verb: 'read' | 'write' = 'read'): CliError {
  if (e instanceof CliError) return e.file === undefined ? new CliError(e.message, e.exitCode, file) : e;
  const code = (e as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code in FS_HINTS) {
    return new CliError(`cannot ${verb} ${file}: ${FS_HINTS[code]}`, verb === 'write' ? EXIT_USAGE : EXIT_DATA);
  }
  const err = dataError(e instanceof Error ? e.message : String(e), file);
  if (e instanceof Error && e.stack) err.stack = e.stack;
  return err;
}

/**
 * One readable line for any error: `logit: <file>: <message>`; logit's own errors keep their
 * message (which names the parameter, row, column and value and what to do), anything
 * unexpected says it is a bug. With `debug`, the stack trace follows.
 */
export function formatError(e: unknown, debug: boolean): { line: string; exitCode: number } {
  let exitCode = EXIT_DATA;
  let message: string;
  if (e instanceof CliError) {
    exitCode = e.exitCode;
    message = e.file !== undefined && !e.message.includes(e.file) ? `${e.file}: ${e.message}` : e.message;
  } else if (isLogitError(e)) {
    message = e.message;
  } else if (e instanceof Error) {
    message = `internal error: ${e.message} (please report this; rerun with --debug for the stack trace)`;
  } else {
    message = `internal error: ${String(e)}`;
  }
  // One line: newlines inside messages (for example from a parser) become separators.
  let line = `logit: ${message.replace(/\s*\n\s*/g, ' | ')}`;
  if (debug && e instanceof Error && e.stack) line += `\n${e.stack}`;
  return { line, exitCode };
}
