/**
 * Child process of the load benchmark: validates the corpus in argv[3] with the real readSeed,
 * then writes it either with the real loader (`loader`, as `entente seed` does) or with the plain
 * batched UNWIND ... MERGE baseline (`baseline`). Prints one JSON line: times, and its resident
 * memory after validation and at its peak, so that the load's own share can be read.
 */
import { createLogger } from '../../src/logger.ts';
import { createDriver } from '../../src/neo4j/open-database.ts';
import { readSeed } from '../../src/seeding/read-seed.ts';
import { ensureSchema } from '../../src/store/ensure-schema.ts';
import { writeGraphPlan } from '../../src/store/write-graph-plan.ts';
import { loadBaseline } from '../api/load-baseline.ts';
import { connectionFromEnv } from '../api/child-process.ts';
import { processMemory } from '../api/measure.ts';

const [mode, dir] = [process.argv[2], process.argv[3] ?? ''];
const connection = connectionFromEnv();
const driver = createDriver(connection);
const db = { driver, database: connection.database };
try {
  const started = performance.now();
  const seed = await readSeed(dir);
  const validated = performance.now();
  const afterValidation = processMemory(process.pid);
  await ensureSchema(db, { logger: createLogger({ level: 'warn' }) });
  const loadStarted = performance.now();
  let changed = true;
  if (mode === 'baseline') await loadBaseline(driver, connection.database, seed.plan);
  else changed = (await writeGraphPlan(db, seed.plan, { logger: createLogger({ level: 'warn' }), seedHash: seed.seedHash })).changed;
  const loaded = performance.now();
  const end = processMemory(process.pid);
  process.stdout.write(
    `${JSON.stringify({
      mode,
      nodes: seed.plan.nodes.length,
      relationships: seed.plan.relationships.length,
      validateMs: validated - started,
      loadMs: loaded - loadStarted,
      changed,
      rssAfterValidationMb: afterValidation.rssMb,
      peakAfterValidationMb: afterValidation.peakMb,
      peakMb: end.peakMb,
    })}\n`,
  );
} finally {
  await driver.close();
}
