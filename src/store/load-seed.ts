/**
 * The seed's use cases over a database: load it (`entente seed`), or load it only when the
 * database does not hold this seed yet (`serve`).
 */
import type { Logger } from '../logger.ts';
import type { DatabaseHandle } from '../neo4j/database-handle.ts';
import { DEFAULT_SEED_DIR, readSeed, type Seed } from '../seeding/read-seed.ts';
import { hashSeedDir } from '../seeding/seed-files.ts';
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
  /** False when the database already held this exact seed, so it was not read past its hash. */
  validated: boolean;
  result?: WriteGraphPlanResult;
}

/**
 * For `serve`: loads the seed when the database is empty or holds another seed version.
 * An invalid seed fails start-up (SEED_INVALID) rather than serving stale data silently.
 *
 * The files are hashed first: when the database holds a finished load of that very hash, the
 * seed is byte for byte the one that was validated when it was loaded, and validating it again
 * (most of a warm start on a large corpus) would only repeat that answer.
 */
export async function seedIfNeeded(db: DatabaseHandle, logger: Logger, seedDir: string = DEFAULT_SEED_DIR): Promise<SeedIfNeededResult> {
  const hash = await hashSeedDir(seedDir);
  if (hash !== undefined && !(await needsSeeding(db, hash))) {
    await ensureSchema(db, { logger });
    logger.info(`The database already holds seed ${hash.slice(0, 12)}: not validating or reloading it`);
    return { seeded: false, seedHash: hash, validated: false };
  }
  const seed = await readSeed(seedDir, { logger });
  // Asked again only when the files changed between the hash and the read (the answer above is known otherwise).
  if (seed.seedHash !== hash && !(await needsSeeding(db, seed.seedHash))) {
    // They changed back to the loaded seed.
    await ensureSchema(db, { logger });
    logger.info(`The database already holds seed ${seed.seedHash.slice(0, 12)}: not reloading`);
    return { seeded: false, seedHash: seed.seedHash, validated: true };
  }
  logger.info(`Loading seed ${seed.seedHash.slice(0, 12)} from ${seedDir}`);
  const result = await loadSeed(db, logger, seed);
  logger.info(`Seed loaded: ${totalOf(result.nodes)} nodes, ${totalOf(result.relationships)} relationships in ${result.durationMs} ms`);
  return { seeded: true, seedHash: seed.seedHash, validated: true, result };
}

/** The sum of per-label (or per-type) counts. */
export function totalOf(counts: Partial<Record<string, number>>): number {
  return Object.values(counts).reduce<number>((sum, count) => sum + (count ?? 0), 0);
}
