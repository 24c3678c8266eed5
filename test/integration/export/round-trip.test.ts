import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ErrorCode, isAppError } from '../../../src/errors.ts';
import { type ExportFormat, exportGraph } from '../../../src/export/export-graph.ts';
import { computeGraphChecksum, type GraphChecksum } from '../../../src/store/compute-graph-checksum.ts';
import { importCsvDirectory } from '../../../src/import/import-csv.ts';
import { importCypherScript } from '../../../src/import/import-cypher.ts';
import { silentLogger } from '../../../src/logger.ts';
import { connectTestDatabase, type TestDatabase } from '../../support/database.ts';
import { loadTestGraph, wipeDatabase } from './support.ts';

let testDb: TestDatabase;
let dir: string;
let original: GraphChecksum;
let originalSchema: string[];

async function schemaNames(): Promise<string[]> {
  const constraints = await testDb.driver.executeQuery('SHOW CONSTRAINTS YIELD name RETURN name ORDER BY name', {}, { database: testDb.database });
  const indexes = await testDb.driver.executeQuery(
    "SHOW INDEXES YIELD name, type, owningConstraint WHERE type <> 'LOOKUP' AND owningConstraint IS NULL RETURN name ORDER BY name",
    {},
    { database: testDb.database },
  );
  return [...constraints.records, ...indexes.records].map((r) => r.get('name') as string).filter((name) => !name.startsWith('_'));
}

async function exportTo(format: ExportFormat, out: string) {
  return exportGraph({ driver: testDb.driver, database: testDb.database, format, out, logger: silentLogger });
}

const importOptions = () => ({ driver: testDb.driver, database: testDb.database, logger: silentLogger });

beforeAll(async () => {
  testDb = await connectTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'entente-export-'));
  await loadTestGraph(testDb);
  original = await computeGraphChecksum(testDb);
  originalSchema = await schemaNames();
});

afterAll(async () => {
  await wipeDatabase(testDb.driver, testDb.database);
  await testDb.close();
  await rm(dir, { recursive: true, force: true });
});

describe('round trip through an export and entente import', () => {
  it('the seeded graph has what the round trip must carry', () => {
    expect(original.nodes).toBeGreaterThan(200);
    expect(original.relationships).toBeGreaterThan(500);
    expect(originalSchema.length).toBeGreaterThan(10);
  });

  for (const format of ['cypher', 'csv'] as const) {
    it(`${format}: export, import into an emptied database, same checksum and schema`, async () => {
      const out = path.join(dir, format === 'csv' ? 'graph-csv' : 'graph.cypher');
      const stats = await exportTo(format, out);
      expect(stats.nodes).toBe(original.nodes);
      expect(stats.relationships).toBe(original.relationships);

      await wipeDatabase(testDb.driver, testDb.database);
      expect((await computeGraphChecksum(testDb)).nodes).toBe(0);
      const imported = format === 'csv' ? await importCsvDirectory(out, importOptions()) : await importCypherScript(out, importOptions());
      expect(imported.nodes).toBe(original.nodes);
      expect(imported.relationships).toBe(original.relationships);

      const after = await computeGraphChecksum(testDb);
      expect(after).toEqual(original);
      expect(await schemaNames()).toEqual(originalSchema);
      // Replaying a Cypher script is slow (Neo4j parses every literal row, README "entente import"):
      // the seed with its lifecycle facts takes well over a minute on a loaded machine.
    }, 300_000);
  }

  it('keeps Integer, Float, NaN, temporal, point and list types exactly (checked by Cypher, not only by the checksum)', async () => {
    const result = await testDb.driver.executeQuery(
      `MATCH (a:Sample {id: 'sample-a'}) RETURN valueType(a.big) AS big, a.big = 9007199254740993 AS bigExact, valueType(a.one) AS one,
              isNaN(a.notANumber) AS nan, valueType(a.at) AS at, a.at.timezone AS zone, valueType(a.span) AS span,
              valueType(a.days) AS days, a.none AS none, valueType(a.counts) AS counts, a.where.srid AS srid, a.text AS text, a.empty AS empty`,
      {},
      { database: testDb.database },
    );
    const row = result.records[0]?.toObject();
    expect(row).toMatchObject({
      big: 'INTEGER NOT NULL',
      bigExact: true,
      one: 'FLOAT NOT NULL',
      nan: true,
      at: 'ZONED DATETIME NOT NULL',
      zone: 'Europe/Paris',
      span: 'DURATION NOT NULL',
      days: 'LIST<DATE NOT NULL> NOT NULL',
      none: [],
      counts: 'LIST<INTEGER NOT NULL> NOT NULL',
      text: 'a "quoted", comma-laden\nmulti-line text; with a semicolon',
      empty: '',
    });
  });
});

describe('import refuses and rolls back', () => {
  it('refuses a database that already holds nodes, unless forced', async () => {
    const script = path.join(dir, 'graph.cypher');
    await expect(importCypherScript(script, importOptions())).rejects.toSatisfy((e) => isAppError(e, ErrorCode.DATABASE_NOT_EMPTY));
    await expect(importCsvDirectory(path.join(dir, 'graph-csv'), importOptions())).rejects.toSatisfy((e) => isAppError(e, ErrorCode.DATABASE_NOT_EMPTY));
    // forced, the ids collide with the uniqueness constraints: all-or-nothing keeps the graph as it was
    await expect(importCypherScript(script, { ...importOptions(), force: true })).rejects.toSatisfy((e) => isAppError(e, ErrorCode.IMPORT_INVALID));
    expect(await computeGraphChecksum(testDb)).toEqual(original);
  });

  it('a script failing half-way leaves no node behind and drops the constraints it created', async () => {
    await wipeDatabase(testDb.driver, testDb.database);
    const script = path.join(dir, 'broken.cypher');
    const good = await readFile(path.join(dir, 'graph.cypher'), 'utf8');
    await writeFile(script, good.replace('// Relationships\n', '// Relationships\nRETURN 1 / 0;\n'));
    await expect(importCypherScript(script, importOptions())).rejects.toSatisfy(
      (e) => isAppError(e, ErrorCode.IMPORT_INVALID) && (e.details.line as number) > 1,
    );
    expect((await computeGraphChecksum(testDb)).nodes).toBe(0);
    expect(await schemaNames()).toEqual([]);
  });

  it('a CSV relationship pointing at a missing node fails the whole import', async () => {
    await wipeDatabase(testDb.driver, testDb.database);
    const csvDir = path.join(dir, 'graph-csv');
    const file = path.join(csvDir, 'relationships_SAMPLE_OF.csv');
    const good = await readFile(file, 'utf8');
    await writeFile(file, `${good}sample-a,no-such-node,SAMPLE_OF\n`);
    try {
      await expect(importCsvDirectory(csvDir, importOptions())).rejects.toSatisfy(
        (e) => isAppError(e, ErrorCode.IMPORT_INVALID) && /no-such-node/.test((e as Error).message),
      );
    } finally {
      await writeFile(file, good);
    }
    expect((await computeGraphChecksum(testDb)).nodes).toBe(0);
    expect(await schemaNames()).toEqual([]);
  });
});

describe('export slices', () => {
  beforeAll(async () => {
    await loadTestGraph(testDb);
  });

  const jsonl = async (selection: Parameters<typeof exportGraph>[0]['selection']) => {
    const out = path.join(dir, 'slice.jsonl');
    await exportGraph({ driver: testDb.driver, database: testDb.database, format: 'jsonl', out, selection, logger: silentLogger, force: true });
    return (await readFile(out, 'utf8')).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  };

  it('--labels keeps nodes with one of the labels and the relationships between them', async () => {
    const lines = await jsonl({ labels: ['Sample'] });
    expect(lines.filter((l) => l.kind === 'node').map((l) => l.id)).toEqual(expect.arrayContaining(['sample-a', 'sample-b']));
    expect(lines.filter((l) => l.kind === 'node')).toHaveLength(2);
    expect(lines.filter((l) => l.kind === 'relationship')).toHaveLength(2);
  });

  it('--ids keeps exactly those nodes', async () => {
    const lines = await jsonl({ ids: ['sample-a', 'FR'] });
    expect(lines.filter((l) => l.kind === 'node').map((l) => l.id).sort()).toEqual(['FR', 'sample-a']);
    expect(lines.filter((l) => l.kind === 'relationship').map((l) => l.type)).toEqual(['SAMPLE_OF']);
  });

  it('--around ID --depth N keeps the neighbourhood within N hops', async () => {
    const depth1 = await jsonl({ around: { id: 'sample-b', depth: 1 } });
    expect(depth1.filter((l) => l.kind === 'node').map((l) => l.id).sort()).toEqual(['sample-a', 'sample-b']);
    const depth2 = await jsonl({ around: { id: 'sample-b', depth: 2 } });
    expect(depth2.filter((l) => l.kind === 'node').map((l) => l.id)).toContain('FR');
    await expect(jsonl({ around: { id: 'sample-c', depth: 1 } })).rejects.toSatisfy(
      (e) => isAppError(e, ErrorCode.USAGE) && (e.hint ?? '').includes('Did you mean sample-a or sample-b?'),
    );
  });

  it('leaves internal labels and properties out', async () => {
    const lines = await jsonl({});
    const text = JSON.stringify(lines);
    expect(text).not.toContain('_EntenteMeta');
    expect(text).not.toContain('_Seed');
    expect(text).not.toContain('_seedKey');
  });
});
