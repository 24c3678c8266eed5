import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from '../../src/config.ts';

/**
 * Compiles the CLI the way `npm install` does (`npm run build:cli`), so the tests that run
 * bin/entente.js run the code under test and not an older build in dist/.
 */
export async function buildCli(): Promise<void> {
  const tsc = path.join(projectRoot, 'node_modules', 'typescript', 'bin', 'tsc');
  await promisify(execFile)(process.execPath, [tsc, '-p', path.join(projectRoot, 'tsconfig.build.json')], { cwd: projectRoot, timeout: 300_000 });
}
