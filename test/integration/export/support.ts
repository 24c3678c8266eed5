import { execFile } from 'node:child_process';
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { Driver } from 'neo4j-driver';
import { loadSeed } from '../../../src/store/load-seed.ts';
import { projectRoot } from '../../../src/config.ts';
import { withSession } from '../../../src/neo4j/database-handle.ts';
import { silentLogger } from '../../../src/logger.ts';
import { DEFAULT_SEED_DIR, readSeed } from '../../../src/seeding/read-seed.ts';
import { clearDatabase, type TestDatabase } from '../../support/database.ts';

const run = promisify(execFile);

/** Deletes all data AND all constraints and indexes: the "empty Neo4j" an import expects. */
export async function wipeDatabase(driver: Driver, database: string): Promise<void> {
  await clearDatabase(driver, database);
  await withSession({ driver, database }, undefined, async (session) => {
    for (const r of (await session.run('SHOW CONSTRAINTS YIELD name')).records) await session.run(`DROP CONSTRAINT \`${r.get('name')}\``);
    const indexes = await session.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP' RETURN name");
    for (const r of indexes.records) await session.run(`DROP INDEX \`${r.get('name')}\``);
  });
}

/**
 * The project's seed, loaded the way `entente seed` loads it, plus a few nodes and relationships
 * with every value type the exporters must carry (Integer beyond 2^53, Float 1.0, NaN, zoned
 * datetimes, durations, points, lists of dates, empty lists, quotes, commas and newlines), under
 * a label without a uniqueness constraint.
 */
export async function loadTestGraph(testDb: TestDatabase): Promise<void> {
  await wipeDatabase(testDb.driver, testDb.database);
  const seed = await readSeed(DEFAULT_SEED_DIR, { logger: silentLogger });
  await loadSeed(testDb, silentLogger, seed);
  await testDb.driver.executeQuery(
    `CREATE (a:Sample {id: 'sample-a', big: 9007199254740993, one: 1.0, notANumber: 0.0 / 0.0, flag: false,
                       text: 'a "quoted", comma-laden\nmulti-line text; with a semicolon', empty: '',
                       at: datetime('2018-06-11T10:00:00[Europe/Paris]'), local: localdatetime('2018-06-11T10:00:00'),
                       clock: time('10:15:30+01:00'), wall: localtime('10:15:30.123456789'), span: duration('P1Y2M3DT4H'),
                       where: point({srid: 4326, x: 5.57, y: 50.63}), days: [date('2018-05-29'), date('2018-06-11')],
                       none: [], weights: [0.5, 2.0], counts: [1, 2, 3]})
     CREATE (b:Sample:Extra {id: 'sample-b', name: 'Ünïcödé ✓'})
     CREATE (a)-[:SAMPLE_LINK {since: date('2018-06-11'), weight: 1.0, note: 'x;y'}]->(b)
     CREATE (a)-[:SAMPLE_LINK {since: date('2018-06-12'), weight: 2.0}]->(b)
     WITH a MATCH (c:Country {id: 'FR'}) CREATE (a)-[:SAMPLE_OF]->(c)`,
    {},
    { database: testDb.database },
  );
}

const consumersDir = path.join(projectRoot, 'tools', 'consumers');

/**
 * The class path of a real Neo4j tool, resolved by Maven from tools/consumers (once): neo4j-admin
 * (org.neo4j.cli.AdminTool) or cypher-shell (org.neo4j.shell.Main), each on its own class path.
 */
export async function consumerClassPath(tool: 'neo4j-admin' | 'cypher-shell'): Promise<string> {
  const cwd = tool === 'cypher-shell' ? path.join(consumersDir, 'cypher-shell') : consumersDir;
  const file = path.join(cwd, 'target', 'classpath.txt');
  const exists = await access(file).then(() => true, () => false);
  if (!exists) await run('mvn', ['-q', '-B', 'package'], { cwd, timeout: 600_000 });
  return (await readFile(file, 'utf8')).trim();
}

/** python3 with NetworkX, installed from PyPI with pip when it is missing. */
export async function pythonWithNetworkx(): Promise<string> {
  const python = 'python3';
  const has = await run(python, ['-c', 'import networkx']).then(() => true, () => false);
  if (!has) await run(python, ['-m', 'pip', 'install', '--quiet', 'networkx'], { timeout: 300_000 });
  return python;
}

export { run };

/** python3 with every package of test/requirements.txt, installed from PyPI with pip when one is missing. */
export async function pythonWithRequirements(): Promise<string> {
  const python = 'python3';
  const has = await run(python, ['-c', 'import networkx, pandas, duckdb, polars, igraph, pyarrow']).then(() => true, () => false);
  if (!has) {
    await run(python, ['-m', 'pip', 'install', '--quiet', '--disable-pip-version-check', '-r', path.join(projectRoot, 'test', 'requirements.txt')], {
      timeout: 600_000,
    });
  }
  return python;
}

/** Runs a Python script with the given arguments and parses the JSON it prints. */
export async function pythonJson<T = Record<string, unknown>>(script: string, args: string[]): Promise<T> {
  const python = await pythonWithRequirements();
  const { stdout } = await run(python, ['-c', script, ...args], { maxBuffer: 64 * 1024 * 1024, timeout: 300_000 });
  return JSON.parse(stdout) as T;
}

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** The real CLI (bin/entente.js, as a researcher runs it) against the test database. */
export function runCli(testDb: TestDatabase, args: string[], options: { env?: Record<string, string> } = {}): Promise<CliResult> {
  return run(process.execPath, [path.join(projectRoot, 'bin', 'entente.js'), ...args], {
    cwd: projectRoot,
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      NEO4J_URI: testDb.connection.uri,
      NEO4J_PASSWORD: testDb.connection.password,
      NEO4J_USERNAME: testDb.connection.username,
      NEO4J_DATABASE: testDb.database,
      LOG_LEVEL: 'warn',
      ...options.env,
    },
  }).then(
    (r) => ({ code: 0, stdout: r.stdout, stderr: r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }),
  );
}
