import { execFile } from 'node:child_process';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../src/config.ts';

const WEB = path.join(projectRoot, 'web');
/** What the explorer bundle is built from. */
const SOURCES = ['src', 'public', 'index.html', 'ide.html', 'vite.config.ts'].map((name) => path.join(WEB, name));
const BUILT = path.join(WEB, 'dist', 'index.html');

async function newestMtime(file: string): Promise<number> {
  const info = await stat(file);
  if (!info.isDirectory()) return info.mtimeMs;
  const entries = await readdir(file);
  const times = await Promise.all(entries.map((entry) => newestMtime(path.join(file, entry))));
  return Math.max(info.mtimeMs, ...times);
}

/**
 * Rebuilds the explorer (as `npm install` does) when a source is newer than web/dist, so the
 * browser tests check the code under test and not an older bundle. A fresh build is left alone.
 */
export async function buildExplorerIfStale(): Promise<void> {
  const built = await stat(BUILT).then((info) => info.mtimeMs, () => 0);
  const sources = Math.max(...(await Promise.all(SOURCES.map((file) => newestMtime(file).catch(() => 0)))));
  if (built >= sources) return;
  process.stderr.write('[global-setup] web/dist is older than web/: rebuilding the explorer\n');
  const vite = path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js');
  await promisify(execFile)(process.execPath, [vite, 'build', '-c', path.join(WEB, 'vite.config.ts'), '--logLevel', 'warn'], { cwd: projectRoot, timeout: 300_000 });
}
