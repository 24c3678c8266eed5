/**
 * `npm run synthetic -- --scale 10 --seed 1 --out DIR`: writes a synthetic corpus (seed format)
 * for tests and benchmarks. Load it with `entente seed` pointed at DIR only into a throw-away
 * database: it is invented data.
 */
import { parseArgs } from 'node:util';
import { writeCorpus } from './write-corpus.ts';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '1' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
  },
});
if (values.out === undefined) {
  process.stderr.write('usage: npm run synthetic -- --scale N --seed N --out DIR\n');
  process.exit(2);
}
const written = await writeCorpus(values.out, { scale: Number(values.scale), seed: Number(values.seed) });
process.stdout.write(`${JSON.stringify(written)}\n`);
