/**
 * The seed's public entry point: reads `seed/documents` and `seed/reference`, checks everything,
 * and returns the graph to write. Writing is the store's job (src/store/).
 */
import path from 'node:path';
import { projectRoot } from '../config.ts';
import { silentLogger, type Logger } from '../logger.ts';
import type { GraphPlan } from '../graph/graph-plan.ts';
import { buildSeedPlan, type SeedDocument } from './build-seed-plan.ts';
import { buildLifecyclePlan } from './lifecycle/build-lifecycle-plan.ts';
import { readSeedFiles } from './seed-files.ts';
import { FILE_PROBLEMS, ProblemCollector, seedInvalidError } from './seed-problems.ts';

export type { SeedDocument } from './build-seed-plan.ts';
export type { SeedProblem, SeedProblemKind } from './seed-problems.ts';

/** The project's own seed. */
export const DEFAULT_SEED_DIR = path.join(projectRoot, 'seed');

export interface ReadSeedOptions {
  logger?: Logger;
}

export interface Seed {
  plan: GraphPlan;
  /** SHA-256 over every seed file: equal hashes mean an identical seed. */
  seedHash: string;
  documents: SeedDocument[];
}

/**
 * Reads and validates the seed in `seedDir`. Throws one AppError SEED_INVALID listing every
 * problem (`details.problems`: file, record, field, line, reason) when anything is wrong.
 */
export async function readSeed(seedDir: string, options: ReadSeedOptions = {}): Promise<Seed> {
  const logger = options.logger ?? silentLogger;
  const files = await readSeedFiles(seedDir);
  logger.debug('Read seed files', { seedDir, yamlFiles: files.yaml.length, texts: files.documentTexts.size });
  const built = buildSeedPlan(files);
  const { documents } = built;
  const lifecycleProblems = new ProblemCollector();
  const lifecycle = buildLifecyclePlan(
    files.yaml.filter((file) => file.kind === 'lifecycle'),
    built.plan,
    documents,
    lifecycleProblems,
    files.yaml.filter((file) => file.kind !== 'lifecycle'),
  );
  const plan: GraphPlan = {
    nodes: [...built.plan.nodes, ...lifecycle.nodes],
    relationships: [...built.plan.relationships, ...lifecycle.relationships],
  };
  const problems = [...built.problems, ...lifecycleProblems.problems];
  // Unreadable files first (everything else may follow from them), then file by file, top to
  // bottom: the order a curator fixes them in.
  const rank = (problem: { kind: Parameters<typeof FILE_PROBLEMS.has>[0] }) => (FILE_PROBLEMS.has(problem.kind) ? 0 : 1);
  const all = [...files.problems, ...problems].sort(
    (a, b) => rank(a) - rank(b) || (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)),
  );
  if (all.length > 0) throw seedInvalidError(seedDir, all);
  logger.info('Seed is valid', {
    seedDir,
    seedHash: files.seedHash,
    documents: documents.length,
    nodes: plan.nodes.length,
    relationships: plan.relationships.length,
  });
  return { plan, seedHash: files.seedHash, documents };
}
