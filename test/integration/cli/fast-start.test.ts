/**
 * `entente --version` and `--help` run the CLI compiled at install time and load nothing they do
 * not need: no TypeScript runner, no driver, no GraphQL stack. (How long they take is measured by
 * `npm run bench:cli`, not here.)
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/config.ts';

const run = promisify(execFile);
const hook = path.join(projectRoot, 'test', 'fixtures', 'cli', 'record-imports.mjs');
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'entente-fast-start-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function modulesLoadedBy(args: string[], name: string): Promise<{ stdout: string; modules: string[] }> {
  const log = path.join(dir, `${name}.log`);
  const { stdout } = await run(process.execPath, ['--import', hook, path.join(projectRoot, 'bin', 'entente.js'), ...args], {
    env: { ...process.env, ENTENTE_IMPORT_LOG: log },
  });
  const modules = (await readFile(log, 'utf8')).trim().split('\n');
  return { stdout, modules };
}

const heavy = ['/node_modules/tsx/', '/node_modules/neo4j-driver', '/node_modules/@neo4j/graphql/', '/node_modules/@apollo/server/'];

describe('a fast CLI', () => {
  it('--version runs the compiled CLI and loads no TypeScript, driver or server', async () => {
    const { stdout, modules } = await modulesLoadedBy(['--version'], 'version');
    const manifest = JSON.parse(await readFile(path.join(projectRoot, 'package.json'), 'utf8')) as { version: string };
    expect(stdout.trim()).toBe(manifest.version);
    expect(modules).toContain(new URL(`file://${path.join(projectRoot, 'dist', 'main.js')}`).href);
    expect(modules.filter((url) => url.endsWith('.ts'))).toEqual([]);
    expect(modules.filter((url) => heavy.some((h) => url.includes(h)))).toEqual([]);
  });

  it('--help lists every command without loading any of them', async () => {
    const { stdout, modules } = await modulesLoadedBy(['--help'], 'help');
    for (const command of ['serve', 'prepare', 'seed', 'export', 'import', 'cypher']) expect(stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    expect(modules.filter((url) => url.includes('/dist/cli/'))).toEqual([]);
  });

  it('a command loads its own module only, and its --help no driver: cypher and export', async () => {
    for (const command of ['cypher', 'export']) {
      const { stdout, modules } = await modulesLoadedBy([command, '--help'], `${command}-help`);
      expect(stdout).toContain(`Usage: entente ${command}`);
      expect(modules.filter((url) => url.includes('/dist/cli/')).map((url) => path.basename(url))).toContain(`${command}.js`);
      expect(modules.filter((url) => url.includes('/dist/cli/serve.js') || heavy.some((h) => url.includes(h)))).toEqual([]);
    }
  });
});
