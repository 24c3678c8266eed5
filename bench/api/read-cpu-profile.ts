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

/** The steps of a request, from the packages that do them; start-up work (schema generation, module loading) apart. */
const STEPS: [string, RegExp][] = [
  ['start-up (schema generation, module loading)', /^(graphql-compose|tsx|@graphql-tools\/.*|pluralize|camelcase|wasm:.*|node:fs)$/],
  ['HTTP, express, helmet, cors, body parsing', /^(express|body-parser|type-is|router|negotiator|content-type|helmet|cors|raw-body|whatwg-mimetype|finalhandler|send|accepts|iconv-lite|on-finished|qs|media-typer|mime-types|path-to-regexp|statuses|vary|depd|http-errors|node:_http_.*|node:net|node:http)$/],
  ['Apollo Server pipeline', /^(@apollo\/.*|@as-integrations\/.*|lru-cache|uuid)$/],
  ['graphql-js (execution, result completion)', /^graphql$/],
  ['request limits (cost, depth, aliases, list limits)', /^(graphql-query-complexity|@escape\.tech\/.*|entente src\/server\/limits|entente src\/server\/list-limit-plugin\.ts)$/],
  ['@neo4j/graphql translation and resolvers', /^(@neo4j\/graphql|@neo4j\/cypher-builder|graphql-parse-resolve-info|debug|dot-prop)$/],
  ['neo4j-driver (Bolt, records)', /^neo4j-driver.*$/],
  ['garbage collection', /^\(garbage collector\)$/],
  ['Entente resolvers and other src/', /^entente /],
  ['Node internals, native I/O', /^(\(native\)|\(program\)|node:.*)$/],
];
const bySteps = new Map<string, number>();
for (const [where, micros] of byPackage) {
  if (where === '(idle)') continue;
  const step = STEPS.find(([, pattern]) => pattern.test(where))?.[0] ?? 'other';
  bySteps.set(step, (bySteps.get(step) ?? 0) + micros);
}
const startUp = bySteps.get(STEPS[0]![0]) ?? 0;
const serving = busy - startUp;

process.stdout.write(`${file}: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy\n\n`);
process.stdout.write(
  `${markdownTable(
    ['step', 'ms', 'of busy serving'],
    [...bySteps.entries()].sort((a, b) => b[1] - a[1]).map(([step, micros]) => [step, `${(micros / 1000).toFixed(0)} ms`, step === STEPS[0]![0] ? '-' : `${((100 * micros) / serving).toFixed(1)}%`]),
  )}\n\n`,
);
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
