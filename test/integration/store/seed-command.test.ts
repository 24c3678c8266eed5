import { spawn } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseDocument } from 'yaml';
import { loadSeed, seedIfNeeded } from '../../../src/store/load-seed.ts';
import { projectRoot } from '../../../src/config.ts';
import { AppError, ErrorCode } from '../../../src/errors.ts';
import { silentLogger } from '../../../src/logger.ts';
import type { Database } from '../../../src/neo4j/open-database.ts';
import { DEFAULT_SEED_DIR, readSeed } from '../../../src/seeding/read-seed.ts';
import { readLoadedSeed } from '../../../src/store/seed-meta.ts';
import { readSeedFiles } from '../../../src/seeding/seed-files.ts';
import { clearDatabase, connectTestDatabase, type TestDatabase } from '../../support/database.ts';
import { seedFixture } from '../../support/seed-fixture.ts';
import { fullChecksum, planCounts, queryRows } from './graph-probe.ts';

const validSeed = await seedFixture('valid');
const badQuoteSeed = await seedFixture('bad-quote');
const logger = silentLogger;

let testDb: TestDatabase;
let db: Database;

beforeAll(async () => {
  testDb = await connectTestDatabase();
  db = { driver: testDb.driver, database: testDb.database, uri: testDb.connection.uri, embedded: false, close: async () => {} };
  await clearDatabase(db.driver, db.database);
});

afterAll(async () => {
  await clearDatabase(db.driver, db.database);
  await testDb.close();
});

beforeEach(async () => {
  await clearDatabase(db.driver, db.database);
});

const query = (cypher: string, parameters: Record<string, unknown> = {}) => queryRows(db.driver, db.database, cypher, parameters);
const checksum = () => fullChecksum(db.driver, db.database);

/** Seed nodes by primary label and seed relationships by type, as stored. */
async function countSeedGraph() {
  const nodes: Record<string, number> = {};
  for (const row of await query(
    "MATCH (n:_Seed) WITH [l IN labels(n) WHERE NOT l IN ['_Seed', 'Entity', 'Source']] AS ls RETURN ls[0] AS label, count(*) AS n",
  )) {
    nodes[row.label as string] = Number(row.n);
  }
  const relationships: Record<string, number> = {};
  for (const row of await query('MATCH ()-[r]->() WHERE r._seedKey IS NOT NULL RETURN type(r) AS type, count(*) AS n')) {
    relationships[row.type as string] = Number(row.n);
  }
  return { nodes, relationships };
}


interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runCli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(projectRoot, 'bin', 'entente.js'), ...args], {
      cwd: projectRoot,
      env: { ...process.env, LOG_LEVEL: 'info', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Environment that points the CLI at the test run's Neo4j instead of starting its own. */
function testDatabaseEnv(): NodeJS.ProcessEnv {
  return {
    NEO4J_URI: testDb.connection.uri,
    NEO4J_USERNAME: testDb.connection.username,
    NEO4J_PASSWORD: testDb.connection.password,
    NEO4J_DATABASE: testDb.connection.database,
    ENTENTE_DATA_DIR: '',
    ENTENTE_BOLT_PORT: '',
  };
}

describe('loading a seed directory', () => {
  it('writes exactly the plan, and a second load creates, updates and deletes nothing', async () => {
    const seed = await readSeed(validSeed);
    const first = await loadSeed(db, logger, seed);
    expect(first.changed).toBe(true);
    expect(await countSeedGraph()).toEqual(planCounts(seed.plan));
    const before = await checksum();

    const second = await loadSeed(db, logger, seed);
    expect(second.changed).toBe(false);
    expect(second.counters.nodesCreated + second.counters.relationshipsCreated + second.counters.propertiesSet).toBe(0);
    expect(second.counters.nodesDeleted + second.counters.relationshipsDeleted).toBe(0);
    expect(await checksum()).toBe(before);
  });

  it('stores the seed dates as Neo4j DATE values', async () => {
    await loadSeed(db, logger, await readSeed(validSeed));
    const [row] = await query(
      "MATCH (e:Event {id: 'mini-meeting'}), (c:Commitment {id: 'c-meeting-returning-minors'}) RETURN valueType(e.date) AS date, toString(c.deadline) AS deadline, valueType(c.deadline) AS deadlineType",
    );
    expect(row).toEqual({ date: 'DATE NOT NULL', deadline: '2019-12-31', deadlineType: 'DATE NOT NULL' });
  });

  it('converges when the seed drops a record: the node and its relationships disappear', async () => {
    await loadSeed(db, logger, await readSeed(validSeed));
    const changedDir = await mkdtemp(path.join(os.tmpdir(), 'entente-seed-'));
    try {
      await cp(validSeed, changedDir, { recursive: true });
      const file = path.join(changedDir, 'documents', 'mini-statement.yaml');
      const document = parseDocument(await readFile(file, 'utf8'));
      const entities = document.get('entities') as { items: { get(key: string): unknown }[] };
      entities.items = entities.items.filter((item) => !['c-meeting-returning-minors', 'returning-minors'].includes(String(item.get('id'))));
      await writeFile(file, document.toString());
      const changed = await readSeed(changedDir);

      const result = await loadSeed(db, logger, changed);
      expect(result.changes.nodes.deleted).toBe(2);
      expect(result.changes.nodes.created).toBe(0);
      expect(await countSeedGraph()).toEqual(planCounts(changed.plan));
      expect(await query("MATCH (n) WHERE n.id IN ['c-meeting-returning-minors', 'returning-minors'] RETURN n")).toEqual([]);
      expect((await readLoadedSeed(db)).seedHash).toBe(changed.seedHash);
    } finally {
      await rm(changedDir, { recursive: true, force: true });
    }
  });

  it('rebuilds the graph with reset, dropping what the seed does not own', async () => {
    const seed = await readSeed(validSeed);
    await loadSeed(db, logger, seed);
    await query("CREATE (:Scratch {id: 'scratch'})");
    const result = await loadSeed(db, logger, seed, { reset: true });
    expect(result.resetNodesDeleted).toBe(seed.plan.nodes.length + 2); // + scratch + meta
    expect(await query('MATCH (n:Scratch) RETURN n')).toEqual([]);
    expect(await countSeedGraph()).toEqual(planCounts(seed.plan));
  });
});

describe('seedIfNeeded (npm start)', () => {
  it('loads an empty database, then skips while the seed is unchanged', async () => {
    const first = await seedIfNeeded(db, logger, validSeed);
    expect(first.seeded).toBe(true);
    const before = await checksum();
    const second = await seedIfNeeded(db, logger, validSeed);
    expect(second).toEqual({ seeded: false, seedHash: first.seedHash, validated: false });
    expect(await checksum()).toBe(before);
  });

  it('does not validate a seed whose hash the database holds from a finished load', async () => {
    await seedIfNeeded(db, logger, validSeed);
    // Pretend the invalid fixture's bytes were the ones loaded: only skipping the read lets it through.
    const badHash = (await readSeedFiles(badQuoteSeed)).seedHash;
    await query('MATCH (m:_EntenteMeta {id: "seed"}) SET m.seedHash = $hash', { hash: badHash });
    expect(await seedIfNeeded(db, logger, badQuoteSeed)).toEqual({ seeded: false, seedHash: badHash, validated: false });
  });

  it('validates, and refuses, the same bytes when the load that recorded them did not finish', async () => {
    await seedIfNeeded(db, logger, validSeed);
    const badHash = (await readSeedFiles(badQuoteSeed)).seedHash;
    await query('MATCH (m:_EntenteMeta {id: "seed"}) SET m.seedHash = $hash, m.loadingSeedHash = $hash', { hash: badHash });
    const failure = await seedIfNeeded(db, logger, badQuoteSeed).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe(ErrorCode.SEED_INVALID);
  });

  it('refuses an invalid seed and leaves the database as it was', async () => {
    await seedIfNeeded(db, logger, validSeed);
    const before = await checksum();
    const failure = await seedIfNeeded(db, logger, badQuoteSeed).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe(ErrorCode.SEED_INVALID);
    expect(await checksum()).toBe(before);
  });
});

describe('the real seed', () => {
  it('loads completely, and a second load writes nothing', async () => {
    const started = performance.now();
    const seed = await readSeed(DEFAULT_SEED_DIR);
    const read = performance.now();
    const first = await loadSeed(db, logger, seed);
    const second = await loadSeed(db, logger, seed);
    expect(await countSeedGraph()).toEqual(planCounts(seed.plan));
    expect(second.changed).toBe(false);
    expect(second.counters.nodesCreated + second.counters.relationshipsCreated + second.counters.nodesDeleted).toBe(0);
    process.stderr.write(
      `[real seed] ${seed.plan.nodes.length} nodes, ${seed.plan.relationships.length} relationships; ` +
        `read+validate ${Math.round(read - started)} ms, first load ${first.durationMs} ms, unchanged re-load ${second.durationMs} ms\n` +
        `[real seed] nodes ${JSON.stringify(first.nodes)}\n[real seed] relationships ${JSON.stringify(first.relationships)}\n`,
    );
  });
});

describe('entente seed (CLI)', () => {
  it('--check validates a fixture seed without a database and prints its counts', async () => {
    const run = await runCli(['seed', '--check', '--seed-dir', validSeed, '--json'], { NEO4J_URI: 'bolt://127.0.0.1:1', NEO4J_PASSWORD: 'unused' });
    expect(run.code).toBe(0);
    expect(run.stderr).toContain('is valid');
    expect(JSON.parse(run.stdout)).toMatchObject({ valid: true, nodes: { Commitment: 2, Passage: 4 } });
  });

  it('exits 1 on an invalid seed, naming file, line, record and field, and writes nothing', async () => {
    await seedIfNeeded(db, logger, validSeed);
    const before = await checksum();
    const run = await runCli(['seed', '--seed-dir', badQuoteSeed], testDatabaseEnv());
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/documents\/mini-statement\.yaml:\d+ \[c-meeting-returning-minors\] links\[2\]\.quote: quote "returning orphans" does not occur/);
    expect(run.stderr).toContain('[SEED_INVALID]');
    expect(run.stdout).toBe('');
    expect(await checksum()).toBe(before);
  });

  it('loads a seed into a given Neo4j and reports that a second run changed nothing', async () => {
    const first = await runCli(['seed', '--seed-dir', validSeed, '--json'], testDatabaseEnv());
    expect(first.code, first.stderr).toBe(0);
    const firstResult = JSON.parse(first.stdout);
    expect(firstResult.changes.nodes).toEqual({ created: 17, updated: 0, deleted: 0 });
    expect(first.stderr).toMatch(/Nodes: 17 +created 17, updated 0, deleted 0/);

    const second = await runCli(['seed', '--seed-dir', validSeed, '--json'], testDatabaseEnv());
    expect(second.code, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({ changed: false, counters: { nodesCreated: 0, relationshipsCreated: 0, propertiesSet: 0 } });
    expect(second.stderr).toContain('nothing written');
  });

  it('refuses --check together with --reset as a usage error', async () => {
    const run = await runCli(['seed', '--check', '--reset', '--seed-dir', validSeed]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--check and --reset cannot be combined');
  });
});
