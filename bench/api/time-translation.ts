/**
 * `node --import tsx bench/api/time-translation.ts [--scale 1] [--rounds 200]`: how much of a
 * GraphQL list request is @neo4j/graphql's translation into Cypher. Runs the nested list
 * in-process (graphql-js execute, no HTTP) against a synthetic corpus in a throw-away embedded
 * Neo4j, timing translateRead (wrapped for this run) inside each execute. Not a test.
 */
import { createRequire } from 'node:module';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { execute, parse } from 'graphql';
import { createLogger } from '../../src/logger.ts';
import { findFreePort } from '../../src/neo4j/check-port-free.ts';
import { EmbeddedNeo4j } from '../../src/neo4j/embedded-neo4j.ts';
import { createDriver } from '../../src/neo4j/open-database.ts';
import { readSeed } from '../../src/seeding/read-seed.ts';
import { buildGraphqlSchema } from '../../src/server/schema/build-graphql-schema.ts';
import { ensureSchema } from '../../src/store/ensure-schema.ts';
import { writeGraphPlan } from '../../src/store/write-graph-plan.ts';
import { writeCorpus } from '../synthetic/write-corpus.ts';
import { BENCH_REQUESTS, NESTED_LIST_LIMIT } from './bench-requests.ts';
import { percentile } from './measure.ts';

const { values } = parseArgs({ options: { scale: { type: 'string', default: '1' }, rounds: { type: 'string', default: '200' } } });
const logger = createLogger({ level: 'warn' });
const work = await mkdtemp(path.join(os.tmpdir(), 'entente-translation-'));
const embedded = new EmbeddedNeo4j({
  config: { dataDir: path.join(work, 'neo4j'), boltPort: await findFreePort(), heapMb: 1024, pageCacheMb: 256, password: undefined, javaHome: process.env['JAVA_HOME'] },
  logger,
});
try {
  const connection = await embedded.start();
  const driver = createDriver(connection);
  const database = connection.database;
  await ensureSchema({ driver, database }, { logger });
  await writeCorpus(path.join(work, 'corpus'), { scale: Number(values.scale), seed: 1 });
  await writeGraphPlan({ driver, database }, (await readSeed(path.join(work, 'corpus'))).plan, { logger });
  // The package exports only its index; its files are reachable by path, as the same CommonJS modules.
  const require = createRequire(import.meta.url);
  const translation = require(path.join(path.dirname(require.resolve('@neo4j/graphql')), 'translate', 'translate-read.js')) as { translateRead: (...args: unknown[]) => unknown };
  const original = translation.translateRead;
  let translating = 0;
  translation.translateRead = (...args: unknown[]) => {
    const started = performance.now();
    try {
      return original(...args);
    } finally {
      translating += performance.now() - started;
    }
  };
  const schema = await buildGraphqlSchema({ driver, database });
  const document = parse(BENCH_REQUESTS[0]!.query);
  const times = { execute: [] as number[], translate: [] as number[] };
  for (let round = -20; round < Number(values.rounds); round += 1) {
    translating = 0;
    const started = performance.now();
    const result = await execute({ schema, document, variableValues: { limit: NESTED_LIST_LIMIT }, contextValue: { sessionConfig: { database } } });
    if (result.errors) throw result.errors[0];
    if (round >= 0) {
      times.execute.push(performance.now() - started);
      times.translate.push(translating);
    }
  }
  for (const [name, list] of Object.entries(times)) process.stdout.write(`${name}: p50 ${percentile(list, 50).toFixed(2)} ms, p95 ${percentile(list, 95).toFixed(2)} ms\n`);
  await driver.close();
} finally {
  await embedded.stop();
  await rm(work, { recursive: true, force: true });
}
