import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { EmbeddedNeo4j } from '../../src/neo4j/embedded-neo4j.ts';
import { findFreePort } from '../../src/neo4j/check-port-free.ts';
import { createLogger } from '../../src/logger.ts';
import type { Neo4jConnectionConfig } from '../../src/config.ts';
import { buildCli } from './build-cli.ts';
import { buildExplorerIfStale } from './build-explorer.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4j: Neo4jConnectionConfig;
    /** True when this run started the database (a throw-away one): only then may tests wipe it freely. */
    neo4jStartedByRun: boolean;
  }
}

/**
 * Starts one real Neo4j for the run, in a throw-away data directory, unless NEO4J_URI points
 * at a database the caller provides AND ENTENTE_TEST_USE_EXTERNAL=1 says its data may be cleared
 * (test/support/database.ts refuses otherwise).
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const logger = createLogger({ level: process.env.LOG_LEVEL === 'debug' ? 'debug' : 'warn' });
  await Promise.all([buildCli(), buildExplorerIfStale()]);
  if (process.env.NEO4J_URI && process.env.ENTENTE_TEST_USE_EXTERNAL === '1') {
    project.provide('neo4j', {
      uri: process.env.NEO4J_URI,
      username: process.env.NEO4J_USERNAME ?? 'neo4j',
      password: process.env.NEO4J_PASSWORD ?? '',
      database: process.env.NEO4J_DATABASE ?? 'neo4j',
    });
    project.provide('neo4jStartedByRun', false);
    return async () => {};
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'entente-test-neo4j-'));
  const embedded = new EmbeddedNeo4j({
    config: {
      dataDir,
      boltPort: await findFreePort(),
      pageCacheMb: 128,
      heapMb: 1024,
      password: undefined,
      javaHome: process.env.JAVA_HOME,
    },
    logger,
  });
  const started = Date.now();
  const connection = await embedded.start();
  process.stderr.write(`[global-setup] embedded Neo4j ready in ${((Date.now() - started) / 1000).toFixed(1)} s at ${connection.uri}\n`);
  project.provide('neo4j', connection);
  project.provide('neo4jStartedByRun', true);
  return async () => {
    await embedded.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
