/**
 * `entente seed [--reset] [--check] [--seed-dir DIR] [--json]`: validates the whole seed first and
 * writes it into Neo4j only when every file is valid, in one transaction (store/load-seed.ts).
 */
import path from 'node:path';
import type { Command } from 'commander';
import { AppError, ErrorCode } from '../errors.ts';
import type { GraphPlan } from '../graph/graph-plan.ts';
import { createLogger } from '../logger.ts';
import { DEFAULT_SEED_DIR, readSeed, type Seed } from '../seeding/read-seed.ts';
import { loadSeed, totalOf } from '../store/load-seed.ts';
import type { ChangeCounts, WriteGraphPlanResult } from '../store/write-graph-plan.ts';
import { runWithDatabase } from './run-with-database.ts';

interface SeedCommandOptions {
  reset?: boolean;
  check?: boolean;
  seedDir: string;
  json?: boolean;
}

export function registerSeedCommand(program: Command): void {
  program
    .command('seed')
    .description('Validate the seed files and load them into Neo4j (one transaction; re-running changes nothing)')
    .option('--reset', 'delete everything in the database before loading (same transaction)')
    .option('--check', 'validate the seed only; do not touch the database')
    .option('--seed-dir <dir>', 'the seed directory', DEFAULT_SEED_DIR)
    .option('--json', 'also print the result as JSON on stdout')
    .action(async (options: SeedCommandOptions) => {
      if (options.check && options.reset) throw new AppError(ErrorCode.USAGE, '--check and --reset cannot be combined: --check never writes');
      const seedDir = path.resolve(options.seedDir);
      // Validate before opening the database: an invalid seed must not even start Neo4j.
      const seed = await readSeed(seedDir, { logger: createLogger({ level: 'warn' }) });
      if (options.check) {
        process.stderr.write(formatPlanSummary(`Seed in ${seedDir} is valid (hash ${seed.seedHash.slice(0, 12)})`, seed.plan));
        if (options.json) process.stdout.write(`${JSON.stringify(checkJson(seed), null, 2)}\n`);
        return;
      }
      const result = await runWithDatabase(async (db, { logger }) => loadSeed(db, logger, seed, { reset: options.reset === true }));
      process.stderr.write(formatWriteSummary(seedDir, seed, result));
      if (options.json) process.stdout.write(`${JSON.stringify({ seedDir, seedHash: seed.seedHash, ...result }, null, 2)}\n`);
    });
}

function checkJson(seed: Seed) {
  return {
    valid: true,
    seedHash: seed.seedHash,
    nodes: countBy(seed.plan.nodes.map((node) => node.label)),
    relationships: countBy(seed.plan.relationships.map((rel) => rel.type)),
  };
}

export function formatPlanSummary(title: string, plan: GraphPlan): string {
  const nodes = countBy(plan.nodes.map((node) => node.label));
  const relationships = countBy(plan.relationships.map((rel) => rel.type));
  return [
    title,
    `  Nodes: ${plan.nodes.length}`,
    ...Object.entries(nodes).map(([label, count]) => `    ${label.padEnd(20)} ${String(count).padStart(5)}`),
    `  Relationships: ${plan.relationships.length}`,
    ...Object.entries(relationships).map(([type, count]) => `    ${type.padEnd(20)} ${String(count).padStart(5)}`),
    '',
  ].join('\n');
}

export function formatWriteSummary(seedDir: string, seed: Seed, result: WriteGraphPlanResult): string {
  const row = (name: string, count: number, changes: ChangeCounts | undefined) =>
    `    ${name.padEnd(20)} ${String(count).padStart(5)}   ${changes ? formatChanges(changes) : 'unchanged'}`;
  const headline = result.changed
    ? `Seed ${seed.seedHash.slice(0, 12)} from ${seedDir} loaded in ${result.durationMs} ms${result.reset ? ` (reset: ${result.resetNodesDeleted} node(s) deleted first)` : ''}`
    : `Seed ${seed.seedHash.slice(0, 12)} from ${seedDir}: the database already matches it, nothing written (${result.durationMs} ms)`;
  return [
    headline,
    `  Nodes: ${totalOf(result.nodes)}   ${formatChanges(result.changes.nodes)}`,
    ...unionKeys(result.nodes, result.changes.byLabel).map((label) => row(label, result.nodes[label] ?? 0, result.changes.byLabel[label])),
    `  Relationships: ${totalOf(result.relationships)}   ${formatChanges(result.changes.relationships)}`,
    ...unionKeys(result.relationships, result.changes.byType).map((type) => row(type, result.relationships[type] ?? 0, result.changes.byType[type])),
    '',
  ].join('\n');
}

/** Labels (or types) counted now or changed by this run, sorted: a label whose last node went still shows. */
function unionKeys<K extends string>(a: Partial<Record<K, unknown>>, b: Partial<Record<K, unknown>>): K[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)] as K[])].sort();
}

function formatChanges(changes: ChangeCounts): string {
  return `created ${changes.created}, updated ${changes.updated}, deleted ${changes.deleted}`;
}

function countBy(keys: string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const key of [...keys].sort()) counts[key] = (counts[key] ?? 0) + 1;
  return counts;
}
