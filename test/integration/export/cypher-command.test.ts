import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
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
  const cli = (args: string[], env: Record<string, string> = {}) =>
    run(process.execPath, [path.join(projectRoot, 'bin', 'entente.js'), ...args], {
      cwd: projectRoot,
      env: { ...process.env, NEO4J_URI: testDb.connection.uri, NEO4J_PASSWORD: testDb.connection.password, NEO4J_USERNAME: testDb.connection.username, ...env },
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
    const lines = result.stdout.trim().split('\n').map((l) => JSON.parse(l) as { kind: string; id?: string });
    expect(lines[0]?.kind).toBe('meta');
    expect(lines.filter((l) => l.kind === 'node').map((l) => l.id).sort()).toEqual(['BE', 'FR']);
  });

  it('a syntax error points at the user\'s own query, not at an internal EXPLAIN, and exits 2', async () => {
    const result = await cli(['cypher', 'MATCH (c:Country)\n  RETRN c.name']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('[QUERY_INVALID]');
    expect(result.stderr).toContain('(line 2, column 3)');
    expect(result.stderr).toContain('  2 |   RETRN c.name\n    |   ^');
    expect(result.stderr).not.toContain('EXPLAIN');
    const unknownFunction = await cli(['cypher', 'RETURN nosuch(1) AS x']);
    expect(unknownFunction.stderr).toContain('(line 1, column 8)');
    expect(unknownFunction.code).toBe(2);
  });

  it('a missing parameter is a usage error that names --param', async () => {
    const result = await cli(['cypher', 'MATCH (c:Country {id: $id}) RETURN c.name']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('$id');
    expect(result.stderr).toContain('--param id=');
    expect(result.stderr).toContain('[USAGE]');
  });

  it("Neo4j's warnings (unknown label, cartesian product) go to stderr with a suggestion, rows to stdout", async () => {
    const typo = await cli(['cypher', 'MATCH (c:Comitment) RETURN count(c) AS n', '--format', 'csv']);
    expect(typo.code).toBe(0);
    expect(typo.stdout).toBe('n\n0\n');
    expect(typo.stderr).toContain('Comitment');
    expect(typo.stderr).toContain('Did you mean Commitment?');
    const cartesian = await cli(['cypher', 'MATCH (a:Country), (b:Topic) RETURN count(*) AS n', '--format', 'csv']);
    expect(cartesian.stderr).toContain('cartesian product');
  });

  it("hides the store's bookkeeping (_Seed, _seedKey) unless --internal", async () => {
    const query = "MATCH (c:Country {id: 'FR'})-[r:PARTY_TO]->() RETURN c, r LIMIT 1";
    const shown = JSON.parse((await cli(['cypher', query, '--format', 'json'])).stdout) as { c: { labels: string[] }; r: { properties: object } }[];
    expect(shown[0]?.c.labels).toEqual(['Country', 'Entity']);
    expect(Object.keys(shown[0]?.r.properties ?? {}).filter((k) => k.startsWith('_'))).toEqual([]);
    const internal = JSON.parse((await cli(['cypher', query, '--format', 'json', '--internal'])).stdout) as typeof shown;
    expect(internal[0]?.c.labels).toContain('_Seed');
    expect(Object.keys(internal[0]?.r.properties ?? {})).toContain('_seedKey');
  });

  it('draws a table with one rule under the header and says "1 row"', async () => {
    const three = await cli(['cypher', 'UNWIND [1, 2, 3] AS x RETURN x']);
    expect(three.stdout.split('\n').filter((line) => line.startsWith('├'))).toHaveLength(1);
    expect(three.stdout).toMatch(/3 rows\n$/);
    const one = await cli(['cypher', 'RETURN 1 AS x'], { LOG_LEVEL: 'info' });
    expect(one.stdout).toMatch(/\n1 row\n$/);
    expect(one.stderr).toMatch(/ 1 row in \d+ ms/);
  });

  it('export refuses a label, relationship type or id the graph does not have, with the closest names (exit 2)', async () => {
    for (const [args, suggestion] of [
      [['--labels', 'Comitment'], 'Did you mean Commitment?'],
      [['--labels', 'commitment'], 'Did you mean Commitment?'],
      [['--types', 'PARTYTO'], 'Did you mean PARTY_TO?'],
      [['--ids', 'FR,sample-x'], 'Did you mean sample-a or sample-b?'],
      [['--around', 'sampel-a'], 'Did you mean sample-a?'],
    ] as const) {
      const result = await cli(['export', '--format', 'jsonl', ...args]);
      expect(result.code, args.join(' ')).toBe(2);
      expect(result.stderr).toContain('[USAGE]');
      expect(result.stderr).toContain(suggestion);
      expect(result.stdout).toBe('');
    }
  });

  it('export --out says what is wrong with the path, before touching anything (exit 2)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'entente-out-'));
    try {
      const existing = path.join(dir, 'graph.json');
      await writeFile(existing, 'keep me');
      const exists = await cli(['export', '--format', 'json', '--out', existing]);
      expect(exists.code).toBe(2);
      expect(exists.stderr).toContain('already exists');
      expect(exists.stderr).toContain('--force');
      expect(await readFile(existing, 'utf8')).toBe('keep me');
      const forced = await cli(['export', '--format', 'json', '--ids', 'FR', '--out', existing, '--force']);
      expect(forced.code).toBe(0);
      expect(JSON.parse(await readFile(existing, 'utf8')).nodes).toHaveLength(1);

      const missing = await cli(['export', '--format', 'graphml', '--out', path.join(dir, 'no', 'such', 'graph.graphml')]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain(`the folder ${path.join(dir, 'no', 'such')} does not exist`);
      expect(missing.stderr).not.toMatch(/ENOENT|at .*\.js/);

      const fileForDirectory = await cli(['export', '--format', 'tables', '--out', existing]);
      expect(fileForDirectory.code).toBe(2);
      expect(fileForDirectory.stderr).toContain('is a file; this format writes a directory');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('export --format csv without --out is a usage error (exit 2)', async () => {
    const result = await cli(['export', '--format', 'csv']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('[USAGE]');
  });
});
