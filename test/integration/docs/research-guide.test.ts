/**
 * Runs docs/research.md as a researcher would, top to bottom: every ```sh block in a shell and
 * every ```python block with python3, in one working folder inside the project (so `npx entente`
 * finds this project's CLI), against the seeded graph. A block followed by a ```text block must
 * print exactly that text. (Blocks fenced as ```console or plain ``` are illustrations, not run.)
 * After a seed change, ENTENTE_UPDATE_RESEARCH=1 rewrites the printed outputs: review the diff.
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { projectRoot } from '../../../src/config.ts';
import { silentLogger } from '../../../src/logger.ts';
import { DEFAULT_SEED_DIR, readSeed } from '../../../src/seeding/read-seed.ts';
import { loadSeed } from '../../../src/store/load-seed.ts';
import { clearDatabase, connectTestDatabase, type TestDatabase } from '../../support/database.ts';
import { pythonWithRequirements } from '../export/support.ts';

const run = promisify(execFile);
const UPDATE = process.env.ENTENTE_UPDATE_RESEARCH === '1';
const GUIDE = path.join(projectRoot, 'docs', 'research.md');

/** A ```sh or ```python block, and the ```text block right after it (prose between allowed), if any. */
const SNIPPET = /```(sh|python)\n([\s\S]*?)```(?:((?:(?!```)[\s\S])*?)```text\n([\s\S]*?)```)?/g;

interface Snippet {
  language: 'sh' | 'python';
  code: string;
  expected: string | undefined;
  /** Where the expected text starts and ends in the file, to rewrite it. */
  expectedAt: [number, number] | undefined;
}

const markdown = await readFile(GUIDE, 'utf8');
const snippets: Snippet[] = [...markdown.matchAll(SNIPPET)].map((m) => {
  const expected = m[4];
  const start = expected === undefined ? undefined : (m.index ?? 0) + m[0].length - 3 - expected.length;
  return {
    language: m[1] as 'sh' | 'python',
    code: m[2] ?? '',
    expected,
    expectedAt: start === undefined || expected === undefined ? undefined : [start, start + expected.length],
  };
});
const outputs = new Map<Snippet, string>();

let testDb: TestDatabase;
const workDir = path.join(projectRoot, '.entente', 'research-guide');
let env: NodeJS.ProcessEnv;
let python: string;

beforeAll(async () => {
  testDb = await connectTestDatabase();
  await clearDatabase(testDb.driver, testDb.database);
  const seed = await readSeed(DEFAULT_SEED_DIR, { logger: silentLogger });
  await loadSeed(testDb, silentLogger, seed);
  await rm(workDir, { recursive: true, force: true });
  await mkdir(workDir, { recursive: true });
  python = await pythonWithRequirements();
  env = {
    ...process.env,
    NEO4J_URI: testDb.connection.uri,
    NEO4J_USERNAME: testDb.connection.username,
    NEO4J_PASSWORD: testDb.connection.password,
    NEO4J_DATABASE: testDb.database,
    LOG_LEVEL: 'warn',
  };
});

afterAll(async () => {
  await clearDatabase(testDb.driver, testDb.database);
  await testDb.close();
  await rm(workDir, { recursive: true, force: true });
  if (!UPDATE || outputs.size !== snippets.length) return;
  let updated = markdown;
  for (const snippet of [...snippets].reverse()) {
    if (!snippet.expectedAt) continue;
    updated = updated.slice(0, snippet.expectedAt[0]) + (outputs.get(snippet) ?? '') + updated.slice(snippet.expectedAt[1]);
  }
  await writeFile(GUIDE, updated);
});

const normalise = (text: string) => text.replace(/[ \t]+$/gm, '').replace(/\n*$/, '\n');

test('the guide has the worked study: runnable snippets with their printed output', () => {
  expect(snippets.filter((s) => s.language === 'sh').length).toBeGreaterThanOrEqual(3);
  expect(snippets.filter((s) => s.language === 'python').length).toBeGreaterThanOrEqual(3);
  expect(snippets.filter((s) => s.expected !== undefined).length).toBeGreaterThanOrEqual(4);
});

for (const [index, snippet] of snippets.entries()) {
  const title = `${index + 1}. ${snippet.language}: ${snippet.code.split('\n').find((line) => line.trim() && !line.startsWith('#'))?.slice(0, 80)}`;
  test(title, { timeout: 300_000 }, async () => {
    const [command, args] = snippet.language === 'sh' ? ['sh', ['-e', '-c', snippet.code]] : [python, ['-c', snippet.code]];
    const { stdout } = await run(command, args, { cwd: workDir, env, maxBuffer: 16 * 1024 * 1024, timeout: 240_000 });
    outputs.set(snippet, normalise(stdout));
    if (snippet.expected !== undefined && !UPDATE) expect(normalise(stdout)).toBe(normalise(snippet.expected));
  });
}
