/**
 * The seed's use cases over a database: load it (`entente seed`), or load it only when the
 * database does not hold this seed yet (`serve`).
 */
import type { Logger } from '../logger.ts';
import type { DatabaseHandle } from '../neo4j/database-handle.ts';
import { DEFAULT_SEED_DIR, readSeed, type Seed } from '../seeding/read-seed.ts';
import { ensureSchema } from './ensure-schema.ts';
import { needsSeeding } from './seed-meta.ts';
import { writeGraphPlan, type WriteGraphPlanResult } from './write-graph-plan.ts';

/** Creates the schema, then writes the plan and records the seed's hash. */
export async function loadSeed(db: DatabaseHandle, logger: Logger, seed: Seed, options: { reset?: boolean } = {}): Promise<WriteGraphPlanResult> {
  await ensureSchema(db, { logger });
  return writeGraphPlan(db, seed.plan, { logger, reset: options.reset === true, seedHash: seed.seedHash });
}

export interface SeedIfNeededResult {
  seeded: boolean;
  seedHash: string;
  result?: WriteGraphPlanResult;
}

/**
 * For `serve`: loads the seed when the database is empty or holds another seed version.
 * An invalid seed fails start-up (SEED_INVALID) rather than serving stale data silently.
 */
export async function seedIfNeeded(db: DatabaseHandle, logger: Logger, seedDir: string = DEFAULT_SEED_DIR): Promise<SeedIfNeededResult> {
  const seed = await readSeed(seedDir, { logger });
  if (!(await needsSeeding(db, seed.seedHash))) {
    await ensureSchema(db, { logger });
    logger.info(`The database already holds seed ${seed.seedHash.slice(0, 12)}: not reloading`);
    return { seeded: false, seedHash: seed.seedHash };
  }
  logger.info(`Loading seed ${seed.seedHash.slice(0, 12)} from ${seedDir}`);
  const result = await loadSeed(db, logger, seed);
  logger.info(`Seed loaded: ${totalOf(result.nodes)} nodes, ${totalOf(result.relationships)} relationships in ${result.durationMs} ms`);
  return { seeded: true, seedHash: seed.seedHash, result };
}

/** The sum of per-label (or per-type) counts. */
export function totalOf(counts: Partial<Record<string, number>>): number {
  return Object.values(counts).reduce<number>((sum, count) => sum + (count ?? 0), 0);
}
