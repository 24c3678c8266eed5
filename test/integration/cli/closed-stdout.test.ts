import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_SEED_DIR, readSeed } from '../../../src/seeding/read-seed.ts';
import { loadSeed } from '../../../src/store/load-seed.ts';
import { silentLogger } from '../../../src/logger.ts';
import { clearDatabase, connectTestDatabase, type TestDatabase } from '../../support/database.ts';

let db: TestDatabase;
beforeAll(async () => {
  db = await connectTestDatabase();
  await clearDatabase(db.driver, db.database);
  const seed = await readSeed(DEFAULT_SEED_DIR, { logger: silentLogger });
  await loadSeed(db, silentLogger, seed);
});
afterAll(async () => {
  await clearDatabase(db.driver, db.database);
  await db.close();
});

it('an export piped into a reader that stops early (`| head`) ends quietly with exit code 0', { timeout: 120_000 }, async () => {
  const child = spawn(process.execPath, [path.resolve('bin/entente.js'), 'export', '--format', 'jsonl', '--no-progress'], {
    env: { ...process.env, NEO4J_URI: db.connection.uri, NEO4J_PASSWORD: db.connection.password, NEO4J_DATABASE: db.database, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const firstChunk = await new Promise<string>((resolve) => child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString())));
  child.stdout.destroy();
  const code = await new Promise<number | null>((resolve) => child.once('exit', (c) => resolve(c)));
  expect(firstChunk).toContain('"kind":"meta"');
  expect(stderr).not.toContain('EPIPE');
  expect(code).toBe(0);
});
