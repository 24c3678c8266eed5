/**
 * `node --import tsx bench/api/trace-graphql.ts [--scale 10]`: where the time of one GraphQL
 * request goes. Loads a synthetic corpus into a throw-away embedded Neo4j, then runs the nested
 * list request many times in this process and splits each run into: graphql-js parse and
 * validate, the whole execute (translation by @neo4j/graphql + the database + result shaping),
 * and the database alone for the very Cypher @neo4j/graphql generated (captured through a
 * transaction-like execution context), beside the hand-written Cypher of the bare endpoint. Prints the generated Cypher and the
 * medians. Not a test.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { execute, parse, validate } from 'graphql';
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

const { values } = parseArgs({ options: { scale: { type: 'string', default: '10' }, rounds: { type: 'string', default: '100' } } });
const logger = createLogger({ level: 'warn' });
const work = await mkdtemp(path.join(os.tmpdir(), 'entente-trace-'));
const embedded = new EmbeddedNeo4j({
  config: { dataDir: path.join(work, 'neo4j'), boltPort: await findFreePort(), heapMb: 1024, pageCacheMb: 256, password: undefined, javaHome: process.env['JAVA_HOME'] },
  logger,
});
try {
  const connection = await embedded.start();
  const driver = createDriver(connection);
  await ensureSchema({ driver, database: connection.database }, { logger });
  await writeCorpus(path.join(work, 'corpus'), { scale: Number(values.scale), seed: 1 });
  const seed = await readSeed(path.join(work, 'corpus'));
  await writeGraphPlan({ driver, database: connection.database }, seed.plan, { logger });
  const schema = await buildGraphqlSchema({ driver, database: connection.database });

  const request = BENCH_REQUESTS[0]!;
  const variables = { limit: NESTED_LIST_LIMIT };

  // Given something that is neither a driver nor a session as its execution context,
  // @neo4j/graphql calls its run(): a way to see the Cypher it generates.
  let lastCypher = '';
  let lastParams: Record<string, unknown> = {};
  const session = driver.session({ database: connection.database });
  const tx = session.beginTransaction();
  const capture = {
    run: (cypher: string, parameters: Record<string, unknown>) => {
      lastCypher = cypher;
      lastParams = parameters;
      return tx.run(cypher, parameters);
    },
  };
  const captured = await execute({ schema, document: parse(request.query), variableValues: variables, contextValue: { executionContext: capture } });
  if (captured.errors) throw captured.errors[0];
  await tx.rollback();
  await session.close();
  const times = { parseValidate: [] as number[], execute: [] as number[], database: [] as number[], handWritten: [] as number[] };
  for (let round = -20; round < Number(values.rounds); round += 1) {
    let t = performance.now();
    const document = parse(request.query);
    const errors = validate(schema, document);
    if (errors.length > 0) throw errors[0];
    const parsed = performance.now() - t;
    t = performance.now();
    const result = await execute({ schema, document, variableValues: variables, contextValue: { sessionConfig: { database: connection.database } } });
    if (result.errors) throw result.errors[0];
    const executed = performance.now() - t;
    t = performance.now();
    await driver.executeQuery(lastCypher, lastParams, { database: connection.database, routing: 'READ' });
    const database = performance.now() - t;
    t = performance.now();
    await request.direct({ driver, database: connection.database }, variables);
    const handWritten = performance.now() - t;
    if (round >= 0) {
      times.handWritten.push(handWritten);
      times.parseValidate.push(parsed);
      times.execute.push(executed);
      times.database.push(database);
    }
  }
  process.stdout.write(`Generated Cypher:\n${lastCypher}\nparams: ${JSON.stringify(lastParams)}\n\n`);
  for (const [name, list] of Object.entries(times)) process.stdout.write(`${name}: p50 ${percentile(list, 50).toFixed(2)} ms, p95 ${percentile(list, 95).toFixed(2)} ms\n`);
  await driver.close();
} finally {
  await embedded.stop();
  await rm(work, { recursive: true, force: true });
}
