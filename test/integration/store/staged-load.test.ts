import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Driver } from 'neo4j-driver';
import { writeCorpus } from '../../../bench/synthetic/write-corpus.ts';
import { AppError, ErrorCode } from '../../../src/errors.ts';
import type { GraphPlan } from '../../../src/graph/graph-plan.ts';
import { computeGraphChecksum } from '../../../src/store/compute-graph-checksum.ts';
import { silentLogger } from '../../../src/logger.ts';
import { readSeed, type Seed } from '../../../src/seeding/read-seed.ts';
import { ensureSchema } from '../../../src/store/ensure-schema.ts';
import { needsSeeding, readLoadedSeed } from '../../../src/store/seed-meta.ts';
import { writeGraphPlan, type WriteGraphPlanOptions } from '../../../src/store/write-graph-plan.ts';
import { clearDatabase, connectTestDatabase, type TestDatabase } from '../../support/database.ts';
import { queryRows } from './graph-probe.ts';

// Plans larger than one transaction are written batch by batch; these tests force that on a
// small synthetic corpus (two documents, about 1,600 rows) with a tiny transaction budget.
let db: TestDatabase;
let driver: Driver;
let database: string;
let corpusDir: string;
let seed: Seed;
let cleanChecksum: string;

const staged = (): WriteGraphPlanOptions => ({ logger: silentLogger, seedHash: seed.seedHash, transactionRows: 100, batchRows: 200 });
const checksum = async () => (await computeGraphChecksum(db)).checksum;
const relationshipCount = async () => Number((await queryRows(driver, database, 'MATCH ()-[r]->() RETURN count(r) AS n'))[0]?.n);

beforeAll(async () => {
  db = await connectTestDatabase();
  ({ driver, database } = db);
  corpusDir = await mkdtemp(path.join(os.tmpdir(), 'entente-staged-'));
  await writeCorpus(corpusDir, { scale: 2, seed: 5 });
  seed = await readSeed(corpusDir);
  await clearDatabase(driver, database);
  await ensureSchema(db, { logger: silentLogger });
  // The reference: the same plan in one transaction.
  await writeGraphPlan(db, seed.plan, { logger: silentLogger, seedHash: seed.seedHash });
  cleanChecksum = await checksum();
});

afterAll(async () => {
  await clearDatabase(driver, database);
  await db.close();
  await rm(corpusDir, { recursive: true, force: true });
});

beforeEach(async () => {
  await clearDatabase(driver, database);
});

describe('a staged load', () => {
  it('writes the same graph as a one-transaction load, and a re-run writes nothing', async () => {
    const first = await writeGraphPlan(db, seed.plan, staged());
    expect(first.staged).toBe(true);
    expect(first.counters.relationshipsCreated).toBe(seed.plan.relationships.length);
    expect(await checksum()).toBe(cleanChecksum);
    expect(await readLoadedSeed(db)).toMatchObject({ seedHash: seed.seedHash, unfinished: false });

    const again = await writeGraphPlan(db, seed.plan, staged());
    expect(again.changed).toBe(false);
    expect(again.counters).toMatchObject({ nodesCreated: 0, relationshipsCreated: 0, propertiesSet: 0 });
  });

  it('after a kill -9 half-way, is seen as unfinished, and the next run completes the clean graph', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve('test/fixtures/store/load-in-stages.ts'), corpusDir], {
      env: { ...process.env, NEO4J_URI: db.connection.uri, NEO4J_PASSWORD: db.connection.password, NEO4J_DATABASE: database },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    // Kill it once the load is marked under way and some relationships are in.
    for (;;) {
      const loaded = await readLoadedSeed(db);
      if (loaded.unfinished && (await relationshipCount()) > 0) break;
      if (child.exitCode !== null) throw new Error('the loader finished before it could be killed');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const interrupted = await readLoadedSeed(db);
    expect(interrupted).toMatchObject({ seedHash: undefined, unfinished: true });
    expect(await needsSeeding(db, seed.seedHash)).toBe(true);
    expect(await relationshipCount()).toBeLessThan(seed.plan.relationships.length);

    const rerun = await writeGraphPlan(db, seed.plan, staged());
    expect(rerun.changed).toBe(true);
    expect(await checksum()).toBe(cleanChecksum);
    expect(await readLoadedSeed(db)).toMatchObject({ seedHash: seed.seedHash, unfinished: false });
    expect(await needsSeeding(db, seed.seedHash)).toBe(false);
  });

  it('refuses a new node whose id a node it does not own holds, before writing anything', async () => {
    const taken = seed.plan.nodes.find((node) => node.label === 'Person')!.id;
    await queryRows(driver, database, 'CREATE (:Person:Entity {id: $id, name: "Not from the seed"})', { id: taken });
    const before = (await computeGraphChecksum(db, { includeInternal: true })).checksum;
    const failure = await writeGraphPlan(db, seed.plan, staged()).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe(ErrorCode.WRITE_REFUSED);
    expect((failure as AppError).details.ids).toEqual([taken]);
    expect((await computeGraphChecksum(db, { includeInternal: true })).checksum).toBe(before);
  });

  it('converges batch by batch on a changed plan: the same graph as a one-transaction load of it', async () => {
    const dropped = seed.plan.nodes.find((node) => node.label === 'Commitment')!;
    const renamed = seed.plan.nodes.find((node) => node.label === 'Organisation')!;
    const changed: GraphPlan = {
      nodes: seed.plan.nodes
        .filter((node) => node !== dropped)
        .map((node) => (node === renamed ? { ...node, properties: { ...node.properties, name: 'Renamed agency' } } : node)),
      relationships: seed.plan.relationships.filter((rel) => rel.from !== dropped.id && rel.to !== dropped.id),
    };
    const droppedRelationships = seed.plan.relationships.length - changed.relationships.length;
    await writeGraphPlan(db, changed, { logger: silentLogger, seedHash: 'changed' });
    const reference = await checksum();
    await clearDatabase(driver, database);

    await writeGraphPlan(db, seed.plan, staged());
    const result = await writeGraphPlan(db, changed, { ...staged(), seedHash: 'changed' });
    expect(result.staged).toBe(true);
    expect(result.changes.nodes).toEqual({ created: 0, updated: 1, deleted: 1 });
    expect(result.changes.relationships).toMatchObject({ created: 0, deleted: droppedRelationships });
    expect(await checksum()).toBe(reference);
    expect(await readLoadedSeed(db)).toMatchObject({ seedHash: 'changed', unfinished: false });
  });
});
