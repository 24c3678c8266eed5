/**
 * `npm run bench:cli [-- --runs 20]`: how long `entente --version` and `entente --help` take from
 * process start to exit, as a script calling the CLI pays it on every call. Prints the median and
 * the fastest run of each, against `node -e 0` (the floor) and the same CLI run from its TypeScript
 * sources through tsx (what every call cost before the CLI was compiled at install time), all
 * measured in this run. Not part of `npm test`.
 */
import { execFile } from 'node:child_process';
import path from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { projectRoot } from '../src/config.ts';

const run = promisify(execFile);
const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
const runs = Number(values.runs);
const bin = path.join(projectRoot, 'bin', 'entente.js');

const cases: { name: string; args: string[]; env?: Record<string, string> }[] = [
  { name: 'node -e 0 (baseline)', args: ['-e', '0'] },
  { name: 'entente --version', args: [bin, '--version'] },
  { name: 'entente --help', args: [bin, '--help'] },
  { name: 'entente export --help', args: [bin, 'export', '--help'] },
  { name: 'entente --version from sources (tsx)', args: [bin, '--version'], env: { ENTENTE_FROM_SOURCE: '1' } },
];

const rows: { name: string; median: number; min: number }[] = [];
for (const c of cases) {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = process.hrtime.bigint();
    await run(process.execPath, c.args, { env: { ...process.env, ...c.env } });
    times.push(Number(process.hrtime.bigint() - started) / 1e9);
  }
  times.sort((a, b) => a - b);
  rows.push({ name: c.name, median: times[Math.floor(times.length / 2)] ?? NaN, min: times[0] ?? NaN });
}
const baseline = rows[0]?.median ?? NaN;
process.stdout.write(`${runs} runs each (Node ${process.version})\n`);
for (const row of rows) {
  process.stdout.write(
    `${row.name.padEnd(40)} median ${row.median.toFixed(3)} s   fastest ${row.min.toFixed(3)} s   ${(row.median / baseline).toFixed(1)}x baseline\n`,
  );
}
