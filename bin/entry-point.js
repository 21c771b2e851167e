// Chooses where a module of src/ is loaded from: its compiled twin in dist/ when the build is current, else the
// TypeScript source through tsx's loader (development: the build is missing or a source file changed since).
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUILD_STAMP = join(root, 'dist', '.build-stamp');

/** The newest modification time of any file under `dir`, in milliseconds. */
function newestIn(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestIn(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** True when dist/ was built after the last change in src/ (GROWTHBEAT_FROM_SOURCE=1 forces the sources). */
export function buildIsCurrent() {
  if (process.env.GROWTHBEAT_FROM_SOURCE === '1' || !existsSync(BUILD_STAMP)) return false;
  return statSync(BUILD_STAMP).mtimeMs >= newestIn(join(root, 'src'));
}

/** The URL to import for `src/<module>.ts`. */
export async function entryPoint(module) {
  if (buildIsCurrent()) return pathToFileURL(join(root, 'dist', `${module}.js`)).href;
  const { register } = await import('tsx/esm/api');
  register();
  return pathToFileURL(join(root, 'src', `${module}.ts`)).href;
}
