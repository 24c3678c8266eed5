import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/config.ts';
import { createResultWriter, type OutputFormat } from '../../../src/cypher/format-results.ts';
import { parseParams } from '../../../src/cypher/params.ts';
import { runReadQuery } from '../../../src/cypher/run-read-query.ts';
import { ErrorCode, isAppError } from '../../../src/errors.ts';
import { memorySink } from '../../../src/io/sink.ts';
import { connectTestDatabase, type TestDatabase } from '../../support/database.ts';
import { loadTestGraph, wipeDatabase } from './support.ts';

const run = promisify(execFile);
let testDb: TestDatabase;

beforeAll(async () => {
  testDb = await connectTestDatabase();
  await loadTestGraph(testDb);
});

afterAll(async () => {
  await wipeDatabase(testDb.driver, testDb.database);
  await testDb.close();
});

async function query(text: string, options: { params?: string[]; format?: OutputFormat; timeoutMs?: number; skipPlanCheck?: boolean } = {}) {
  const sink = memorySink();
  const stats = await runReadQuery({
    driver: testDb.driver,
    database: testDb.database,
    query: text,
    params: parseParams(options.params ?? []),
    timeoutMs: options.timeoutMs ?? 30_000,
    writer: createResultWriter(options.format ?? 'json', sink),
    skipPlanCheck: options.skipPlanCheck,
  });
  return { stats, text: sink.text() };
}

async function nodeCount(): Promise<number> {
  const result = await testDb.driver.executeQuery('MATCH (n) RETURN count(n) AS n', {}, { database: testDb.database });
  return Number(result.records[0]?.get('n'));
}

describe('entente cypher: read-only queries', () => {
  it('returns rows, with parameters of the types they were given', async () => {
    const { text, stats } = await query('RETURN valueType($n) AS n, valueType($x) AS x, valueType($d) AS d, $ids AS ids, $s AS s', {
      params: ['n=42', 'x=4.0', "d=date('2018-05-29')", 'ids=["FR","BE"]', 's:string=007'],
    });
    expect(stats.rows).toBe(1);
    expect(JSON.parse(text)).toEqual([{ n: 'INTEGER NOT NULL', x: 'FLOAT NOT NULL', d: 'DATE NOT NULL', ids: ['FR', 'BE'], s: '007' }]);
  });

  it('queries the seeded graph and formats csv and table output', async () => {
    const cypher = 'MATCH (c:Country) WHERE c.id IN $ids RETURN c.id AS id, c.name AS name ORDER BY id';
    const csv = await query(cypher, { params: ['ids=["BE","FR"]'], format: 'csv' });
    expect(csv.text).toBe('id,name\nBE,Belgium\nFR,France\n');
    const table = await query(cypher, { params: ['ids=["BE","FR"]'], format: 'table' });
    expect(table.text).toMatch(/│ BE\s+│ Belgium\s+│/);
    expect(table.text).toMatch(/2 rows\n$/);
  });

  it('refuses a write before running it, and nothing is written', async () => {
    const before = await nodeCount();
    await expect(query("CREATE (:Intruder {id: 'x'})")).rejects.toSatisfy((e) => isAppError(e, ErrorCode.WRITE_REFUSED));
    await expect(query("MATCH (n:Country {id: 'FR'}) SET n.name = 'changed'")).rejects.toSatisfy((e) => isAppError(e, ErrorCode.WRITE_REFUSED));
    await expect(query('CREATE INDEX intruder FOR (n:Intruder) ON (n.id)')).rejects.toSatisfy((e) => isAppError(e, ErrorCode.WRITE_REFUSED));
    expect(await nodeCount()).toBe(before);
  });

  it('Neo4j itself refuses the write in the read transaction when the plan check is bypassed', async () => {
    const before = await nodeCount();
    await expect(query("CREATE (:Intruder {id: 'x'})", { skipPlanCheck: true })).rejects.toSatisfy(
      (e) => isAppError(e, ErrorCode.WRITE_REFUSED) && (e.cause as { code?: string }).code === 'Neo.ClientError.Statement.AccessMode',
    );
    expect(await nodeCount()).toBe(before);
  });

  it('stops a query that runs past its timeout', async () => {
    await expect(query('UNWIND range(1, 100000000) AS x WITH x WHERE x % 7 = 3 RETURN count(*) AS n', { timeoutMs: 200 })).rejects.toSatisfy((e) =>
      isAppError(e, ErrorCode.QUERY_TIMEOUT),
    );
  });
});

describe('the CLI end to end', () => {
  const cli = (args: string[]) =>
    run(process.execPath, [path.join(projectRoot, 'bin', 'entente.js'), ...args], {
      cwd: projectRoot,
      env: { ...process.env, NEO4J_URI: testDb.connection.uri, NEO4J_PASSWORD: testDb.connection.password, NEO4J_USERNAME: testDb.connection.username },
    }).then(
      (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
      (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
    );

  it('cypher prints JSON rows on stdout, and exits 1 with WRITE_REFUSED on a write', async () => {
    const ok = await cli(['cypher', 'MATCH (c:Country {id: $id}) RETURN c.name AS name', '--param', 'id=FR', '--format', 'json']);
    expect(ok.code).toBe(0);
    expect(JSON.parse(ok.stdout)).toEqual([{ name: 'France' }]);
    const refused = await cli(['cypher', "CREATE (:Intruder {id: 'x'})"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('[WRITE_REFUSED]');
    expect(refused.stdout).toBe('');
  });

  it('export writes a slice as JSON Lines to stdout', async () => {
    const result = await cli(['export', '--format', 'jsonl', '--ids', 'FR,BE']);
    expect(result.code).toBe(0);
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { type: string; id?: string });
    expect(lines[0]?.type).toBe('meta');
    expect(lines.filter((l) => l.type === 'node').map((l) => l.id).sort()).toEqual(['BE', 'FR']);
  });

  it('export --format csv without --out is a usage error (exit 2)', async () => {
    const result = await cli(['export', '--format', 'csv']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('[USAGE]');
  });
});
