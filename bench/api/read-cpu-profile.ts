/**
 * `node --import tsx bench/api/read-cpu-profile.ts FILE.cpuprofile [--top 30]`: where a server's
 * CPU time went, from a V8 profile (`node --cpu-prof`, as `npm run bench -- --cpu-prof DIR`
 * writes for the GraphQL server). Prints self time by package (node_modules/<package>, Entente's
 * own src/, Node's internals, garbage collection, idle) and the top functions by self time.
 * Not a test.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { markdownTable } from './measure.ts';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '30' } } });
const file = positionals[0];
if (file === undefined) throw new Error('usage: read-cpu-profile.ts FILE.cpuprofile');
const profile = JSON.parse(await readFile(file, 'utf8')) as Profile;

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfMicros = new Map<number, number>();
profile.samples.forEach((id, index) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[index] ?? 0)));
const total = [...selfMicros.values()].reduce((sum, value) => sum + value, 0);

const byPackage = new Map<string, number>();
const byFunction = new Map<string, number>();
for (const [id, micros] of selfMicros) {
  const node = byId.get(id)!;
  const where = packageOf(node.callFrame);
  byPackage.set(where, (byPackage.get(where) ?? 0) + micros);
  const name = `${node.callFrame.functionName || '(anonymous)'} ${shortUrl(node.callFrame.url)}:${node.callFrame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
}

const share = (micros: number) => `${((100 * micros) / total).toFixed(1)}%`;
const busy = total - (byPackage.get('(idle)') ?? 0);
const rows = (map: Map<string, number>, top: number) =>
  [...map.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([name, micros]) => [name, `${(micros / 1000).toFixed(0)} ms`, share(micros), `${((100 * micros) / busy).toFixed(1)}%`]);

process.stdout.write(`${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy\n\n`);
process.stdout.write(`${markdownTable(['self time in', 'ms', 'of all', 'of busy'], rows(byPackage, 40))}\n\n`);
process.stdout.write(`${markdownTable(['function', 'ms', 'of all', 'of busy'], rows(byFunction, Number(values.top)))}\n`);

function packageOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) {
    const parts = url.slice(modules + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const src = url.indexOf('/src/');
  if (src >= 0) return `entente ${url.slice(src + 1).split('/').slice(0, 3).join('/')}`;
  return shortUrl(url);
}

function shortUrl(url: string): string {
  const modules = url.lastIndexOf('/node_modules/');
  if (modules >= 0) return url.slice(modules + '/node_modules/'.length);
  const src = url.indexOf('/src/');
  if (src >= 0) return url.slice(src + 1);
  return url.replace(/^file:\/\//, '');
}
