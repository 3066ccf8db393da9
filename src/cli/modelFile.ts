import { readFileSync } from 'node:fs';
import { dataError, inFile } from './errors.js';

/**
 * Parses JSON text from `file`; a syntax error becomes one line naming the file, line and
 * column: `model.json:3:17: not valid JSON (Expected ',' or '}' …); was it written by logit train?`.
 * Cost: O(length of text).
 */
export function parseJsonText(text: string, file: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const m = /position (\d+)/.exec(msg);
    let where = file;
    if (m) {
      const pos = Number(m[1]);
      const before = text.slice(0, pos);
      const line = before.split('\n').length;
      const col = pos - before.lastIndexOf('\n');
      where = `${file}:${line}:${col}`;
    } else if (text.trim() === '') {
      throw dataError(`${file} is empty; expected ${what}`);
    }
    throw dataError(`${where}: not valid JSON (${msg.replace(/ in JSON at position \d+.*$/, '').replace(/\s+/g, ' ')}); expected ${what}`);
  }
}

/** Reads and parses a model document from `path` (no validation yet: see reviveModel). */
export function readModelDocument(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw inFile(e, path);
  }
  return parseJsonText(text, path, 'a logit model document written by logit train');
}
