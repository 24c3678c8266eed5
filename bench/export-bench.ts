/**
 * `npm run bench:export [-- --nodes 200000 --relationships 400000]`: builds a synthetic graph in
 * Neo4j far larger than the seed, exports it in every format, and prints time, size and the
 * exporting process's peak RSS, against a baseline measured in the same run on a graph 20 times
 * smaller (and an idle process). Flat memory means the RSS ratio stays near 1 while the data
 * grows 20-fold. Uses NEO4J_URI when set (its data is DELETED), else a throw-away embedded Neo4j.
 * Not part of `npm test`.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parseArgs } from 'node:util';
import neo4j, { type Driver } from 'neo4j-driver';
import { EXPORT_FORMATS } from '../src/export/export-graph.ts';
import { createLogger } from '../src/logger.ts';
import { EmbeddedNeo4j } from '../src/neo4j/embedded-neo4j.ts';
import { findFreePort } from '../src/neo4j/check-port-free.ts';
import { createDriver } from '../src/neo4j/open-database.ts';
import { projectRoot } from '../src/config.ts';

const run = promisify(execFile);
const { values } = parseArgs({
  options: {
    nodes: { type: 'string', default: '200000' },
    relationships: { type: 'string', default: '400000' },
    formats: { type: 'string', default: EXPORT_FORMATS.join(',') },
  },
});
const largeNodes = Number(values.nodes);
const largeRels = Number(values.relationships);
const formats = (values.formats ?? '').split(',');
const logger = createLogger({ level: 'info' });

interface Measure {
  format: string;
  nodes: number;
  relationships: number;
  bytes: number;
  ms: number;
  peakRssMb: number;
}

const work = await mkdtemp(path.join(os.tmpdir(), 'entente-bench-'));
let embedded: EmbeddedNeo4j | undefined;
let uri = process.env.NEO4J_URI;
let password = process.env.NEO4J_PASSWORD ?? '';
if (!uri) {
  embedded = new EmbeddedNeo4j({
    config: { dataDir: path.join(work, 'neo4j'), boltPort: await findFreePort(), pageCacheMb: 1024, heapMb: 2048, password: undefined, javaHome: process.env.JAVA_HOME },
    logger,
  });
  const connection = await embedded.start();
  uri = connection.uri;
  password = connection.password;
}
const driver = createDriver({ uri, username: 'neo4j', password, database: 'neo4j' });

try {
  await resetGraph(driver);
  const smallNodes = Math.round(largeNodes / 20);
  const smallRels = Math.round(largeRels / 20);
  const idle = await measure('idle', path.join(work, 'idle'));
  logger.info(`Idle process (connected, nothing exported): peak RSS ${idle.peakRssMb.toFixed(0)} MB`);

  await growGraph(driver, 0, smallNodes, 0, smallRels);
  const baseline: Measure[] = [];
  for (const format of formats) baseline.push(await measure(format, path.join(work, `small.${format}`)));

  await growGraph(driver, smallNodes, largeNodes, smallRels, largeRels);
  const large: Measure[] = [];
  for (const format of formats) large.push(await measure(format, path.join(work, `large.${format}`)));

  const rows = formats.map((format, i) => {
    const s = baseline[i] as Measure;
    const l = large[i] as Measure;
    return {
      format,
      small: `${s.nodes}n/${s.relationships}r ${mb(s.bytes)} ${sec(s.ms)} rss ${s.peakRssMb.toFixed(0)} MB`,
      large: `${l.nodes}n/${l.relationships}r ${mb(l.bytes)} ${sec(l.ms)} rss ${l.peakRssMb.toFixed(0)} MB`,
      'size ×': (l.bytes / s.bytes).toFixed(1),
      'time ×': (l.ms / s.ms).toFixed(1),
      'peak RSS ×': (l.peakRssMb / s.peakRssMb).toFixed(2),
      'MB/s': (l.bytes / 1024 / 1024 / (l.ms / 1000)).toFixed(1),
    };
  });
  process.stdout.write(`\nExport benchmark: graph grown ${largeNodes / smallNodes}× (idle process peak RSS ${idle.peakRssMb.toFixed(0)} MB)\n`);
  console.table(rows);
  process.stdout.write(`${JSON.stringify({ idle, baseline, large })}\n`);
} finally {
  await driver.close();
  await embedded?.stop();
  await rm(work, { recursive: true, force: true });
}

async function measure(format: string, out: string): Promise<Measure> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'bench', 'run-export.ts'), format, format === 'csv' ? `${out}-dir` : out], {
    cwd: projectRoot,
    env: { ...process.env, NEO4J_URI: uri, NEO4J_PASSWORD: password },
    maxBuffer: 16 * 1024 * 1024,
  });
  const result = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as Measure;
  if (format !== 'idle') logger.info(`${format}: ${result.nodes} nodes, ${result.relationships} rels, ${mb(result.bytes)} in ${sec(result.ms)}, peak RSS ${result.peakRssMb.toFixed(0)} MB`);
  return result;
}

async function resetGraph(db: Driver): Promise<void> {
  const session = db.session();
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
    for (const label of ['BenchA', 'BenchB', 'BenchC', 'Entity']) {
      await session.run(`CREATE CONSTRAINT ${label}_id IF NOT EXISTS FOR (n:${label}) REQUIRE n.id IS UNIQUE`);
    }
    await session.run('CALL db.awaitIndexes(300)');
  } finally {
    await session.close();
  }
}

/** Adds nodes [fromNodes, toNodes) and relationships [fromRels, toRels), generated inside Neo4j. */
async function growGraph(db: Driver, fromNodes: number, toNodes: number, fromRels: number, toRels: number): Promise<void> {
  const started = Date.now();
  const session = db.session();
  try {
    await session.run(
      `UNWIND range($from, $to - 1) AS i
       CALL (i) {
         WITH i, ['BenchA', 'BenchB', 'BenchC'][i % 3] AS label
         CREATE (n:$(label):Entity {id: 'bench-' + i, name: 'Synthetic node ' + i, aliases: ['alias ' + i, 'a' + i],
                 n: i, score: toFloat(i) / 7.0, flag: i % 2 = 0, day: date('2018-01-01') + duration({days: i % 3650}),
                 text: 'A passage of text standing in for a quote, with "quotes", commas, and a newline\nin it: ' + i})
       } IN TRANSACTIONS OF 10000 ROWS`,
      { from: neo4j.int(fromNodes), to: neo4j.int(toNodes) },
    );
    await session.run(
      `UNWIND range($from, $to - 1) AS j
       CALL (j) {
         WITH j, j % $nodes AS a, (j * 7919 + 13) % $nodes AS b
         MATCH (x:Entity {id: 'bench-' + a}), (y:Entity {id: 'bench-' + b})
         CREATE (x)-[:LINKS {weight: toFloat(j % 100) / 10.0, since: date('2018-06-11'), quote: 'relationship ' + j}]->(y)
       } IN TRANSACTIONS OF 10000 ROWS`,
      { from: neo4j.int(fromRels), to: neo4j.int(toRels), nodes: neo4j.int(toNodes) },
    );
  } finally {
    await session.close();
  }
  logger.info(`Graph now ${toNodes} nodes, ${toRels} relationships (grown in ${sec(Date.now() - started)})`);
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function sec(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}
