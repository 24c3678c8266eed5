/**
 * `npm run bench:validate -- DIR...`: times the seed validation of each corpus directory (write
 * them with `npm run synthetic`) phase by phase, with the process's peak RSS, each in a fresh
 * process so that one size's garbage does not weigh on the next. Linear work shows as a time per
 * 1,000 relationships that stays put as the corpus grows. Not part of `npm test`.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { processMemory } from './api/measure.ts';

const run = promisify(execFile);

if (process.argv[2] === '--child') {
  await measureOne(process.argv[3] ?? '');
} else {
  const dirs = process.argv.slice(2);
  if (dirs.length === 0) {
    process.stderr.write('usage: npm run bench:validate -- DIR [DIR...] (corpora from npm run synthetic)\n');
    process.exit(2);
  }
  const rows: Record<string, string | number>[] = [];
  for (const dir of dirs) {
    const { stdout } = await run(process.execPath, [...process.execArgv, import.meta.filename, '--child', dir], { maxBuffer: 1 << 20 });
    rows.push(JSON.parse(stdout) as Record<string, string | number>);
  }
  const columns = Object.keys(rows[0] ?? {});
  process.stdout.write(`| ${columns.join(' | ')} |\n| ${columns.map(() => '---').join(' | ')} |\n`);
  for (const row of rows) process.stdout.write(`| ${columns.map((column) => row[column]).join(' | ')} |\n`);
}

async function measureOne(dir: string): Promise<void> {
  // Imported here so that the parent process stays small.
  const { readSeedFiles } = await import('../src/seeding/seed-files.ts');
  const { buildSeedPlan } = await import('../src/seeding/build-seed-plan.ts');
  const { buildLifecyclePlan } = await import('../src/seeding/lifecycle/build-lifecycle-plan.ts');
  const { ProblemCollector } = await import('../src/seeding/seed-problems.ts');
  const started = performance.now();
  const files = await readSeedFiles(dir);
  const read = performance.now();
  const built = buildSeedPlan(files);
  const plan = performance.now();
  buildLifecyclePlan(
    files.yaml.filter((file) => file.kind === 'lifecycle'),
    built.plan,
    built.documents,
    new ProblemCollector(),
  );
  const done = performance.now();
  const relationships = built.plan.relationships.length;
  const ms = (value: number) => `${(value / 1000).toFixed(1)} s`;
  process.stdout.write(
    JSON.stringify({
      corpus: path.basename(dir),
      nodes: built.plan.nodes.length,
      relationships,
      problems: built.problems.length,
      'read + YAML': ms(read - started),
      'records + plan': ms(plan - read),
      lifecycle: ms(done - plan),
      total: ms(done - started),
      'ms per 1k rels': ((done - started) / (relationships / 1000)).toFixed(0),
      'peak RSS': `${processMemory(process.pid).peakMb.toFixed(0)} MB`,
    }),
  );
}
