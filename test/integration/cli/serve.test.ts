import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearDatabase, connectTestDatabase, type TestDatabase } from '../../support/database.ts';

const entente = path.resolve('bin/entente.js');

function run(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [entente, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
}

function exitOf(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('entente serve', () => {
  let db: TestDatabase;
  let scratch: string;
  beforeAll(async () => {
    db = await connectTestDatabase();
    await clearDatabase(db.driver, db.database);
    scratch = await mkdtemp(path.join(os.tmpdir(), 'entente-serve-'));
  });
  afterAll(async () => {
    await clearDatabase(db.driver, db.database);
    await db.close();
    await rm(scratch, { recursive: true, force: true });
  });

  it('seeds an empty database, answers GraphQL from it, and exits on SIGINT', { timeout: 180_000 }, async () => {
    const child = run(['serve'], {
      ...process.env,
      NEO4J_URI: db.connection.uri,
      NEO4J_USERNAME: db.connection.username,
      NEO4J_PASSWORD: db.connection.password,
      NEO4J_DATABASE: db.database,
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
    });
    const stderr: string[] = [];
    try {
      const url = await new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stderr! }).on('line', (line) => {
          stderr.push(line);
          const match = /GraphQL ready at (\S+)/.exec(line);
          if (match?.[1]) resolve(match[1]);
        });
        child.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${stderr.join('\n')}`)));
      });
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ people(where: { id: { eq: "jan-jambon" } }) { id name } }' }),
      });
      expect(await response.json()).toEqual({ data: { people: [{ id: 'jan-jambon', name: 'Jan Jambon' }] } });
      expect((await fetch(url.replace(/graphql$/, 'health'))).status).toBe(200);

      const exited = exitOf(child);
      child.kill('SIGINT');
      expect(await exited).toBe(130);
      expect(stderr.join('\n')).toContain('GraphQL server stopped');
      // One Ctrl-C is one shutdown, not a forced exit (Apollo must not re-raise the signal).
      expect(stderr.join('\n')).not.toContain('SIGINT again');
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('without Java on PATH says what to install and exits non-zero', async () => {
    const child = run(['serve'], {
      PATH: path.join(scratch, 'no-bin'),
      HOME: scratch,
      ENTENTE_DATA_DIR: path.join(scratch, 'neo4j'),
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await exitOf(child)).toBe(1);
    expect(stderr).toContain('Java was not found');
    expect(stderr).toMatch(/install one .*openjdk-17/);
    expect(stderr).toContain('[JAVA_NOT_FOUND]');
  });

  it('rejects a contradictory configuration before starting anything', async () => {
    const child = run(['serve'], { ...process.env, NEO4J_URI: 'http://localhost:7474', NEO4J_PASSWORD: 'x', ENTENTE_BOLT_PORT: '7690' });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    expect(await exitOf(child)).toBe(1);
    expect(stderr).toContain('[CONFIG_INVALID]');
    expect(stderr).toContain('must start with neo4j://');
    expect(stderr).toContain('ENTENTE_BOLT_PORT configure the embedded Neo4j');
  });
});
