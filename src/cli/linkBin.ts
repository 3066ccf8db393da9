// Run by `npm run prepare` (after the build, so also on `npm install` / `npm ci` in this
// repository): makes `npx logit` resolve to this checkout's command line. npm links a package's
// `bin` for the projects that depend on it, not for the package's own repository, and without
// a local link `npx logit` would look the name up in the registry instead. Also marks the
// entry point executable. Idempotent; does nothing outside a checkout with node_modules.
import { chmodSync, existsSync, lstatSync, mkdirSync, symlinkSync, unlinkSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const entry = join(root, 'dist', 'cli', 'main.js');
const binDir = join(root, 'node_modules', '.bin');
if (existsSync(entry)) chmodSync(entry, 0o755);
if (existsSync(join(root, 'node_modules')) && existsSync(entry)) {
  mkdirSync(binDir, { recursive: true });
  const link = join(binDir, 'logit');
  let present = false;
  try {
    present = lstatSync(link).isSymbolicLink() || lstatSync(link).isFile();
  } catch {
    present = false;
  }
  if (present) unlinkSync(link);
  symlinkSync(relative(binDir, entry), link);
}
