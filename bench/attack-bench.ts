/**
 * `npm run bench:attack [-- --seconds 20 --clients 4 --attackers 4]`: serves the seed on
 * loopback, then measures a normal query's latency (p50, p99) from `clients` concurrent clients,
 * first alone and then while `attackers` concurrent clients send the worst queries the limits
 * allow and the attacks they refuse. Prints both and the p99 ratio (the goal: under 2x). Stops by
 * itself after two phases of `seconds` each. Uses a throw-away embedded Neo4j. Not part of `npm test`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_REQUEST_LIMITS } from '../src/config.ts';
import { createLogger, silentLogger } from '../src/logger.ts';
import { findFreePort } from '../src/neo4j/check-port-free.ts';
import { EmbeddedNeo4j } from '../src/neo4j/embedded-neo4j.ts';
import { createDriver } from '../src/neo4j/open-database.ts';
import { DEFAULT_SEED_DIR, readSeed } from '../src/seeding/read-seed.ts';
import { startServer } from '../src/server/start-server.ts';
import { buildGraphqlSchema } from '../src/server/schema/build-graphql-schema.ts';
import { loadSeed } from '../src/store/load-seed.ts';
import { FANOUT_QUERY, aliasesQuery, deepSelectionQuery, nestedFilterQuery } from '../test/integration/server/attacks.ts';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '20' }, clients: { type: 'string', default: '4' }, attackers: { type: 'string', default: '4' } },
});
const seconds = Number(values.seconds);
const clients = Number(values.clients);
const attackers = Number(values.attackers);
const logger = createLogger({ level: 'info' });

/** A normal analyst question: ten commitments with their parties. */
const NORMAL = '{ commitments(limit: 10, sort: [{ id: ASC }]) { id name parties { name } } }';

/** The worst the limits allow, and attacks they refuse, in turn. */
const ATTACKS: { name: string; query: string; variables?: Record<string, unknown> }[] = [
  { name: 'filter at the depth limit', query: nestedFilterQuery(DEFAULT_REQUEST_LIMITS.maxFilterDepth) },
  { name: 'widest neighbourhood', query: '{ neighbourhood(id: "FR", depth: 3, limit: 500) { nodes { id } edges { source target } } }' },
  { name: 'longest search', query: 'query ($t: String!) { search(text: $t, limit: 100) { total hits { id } } }', variables: { t: Array.from({ length: 32 }, (_, i) => `europ${i % 10}`).join(' ') } },
  { name: 'cost just under the limit', query: '{ countries(limit: 20) { name partyTo(limit: 20) { name parties(limit: 20) { name } } } }' },
  { name: 'nine-level filter (refused)', query: nestedFilterQuery(9) },
  { name: 'fan-out (refused)', query: FANOUT_QUERY },
  { name: '1,000 aliases (refused)', query: aliasesQuery(1_000) },
  { name: '100 levels (refused)', query: deepSelectionQuery(100) },
];

const work = await mkdtemp(path.join(os.tmpdir(), 'entente-attack-bench-'));
const embedded = new EmbeddedNeo4j({
  config: { dataDir: path.join(work, 'neo4j'), boltPort: await findFreePort(), pageCacheMb: 256, heapMb: 1024, password: undefined, javaHome: process.env.JAVA_HOME },
  logger,
});
let stopServer: (() => Promise<void>) | undefined;
const driver = createDriver({ ...(await embedded.start()), database: 'neo4j' });
try {
  const db = { driver, database: 'neo4j' };
  await loadSeed(db, silentLogger, await readSeed(DEFAULT_SEED_DIR), { reset: true });
  const server = await startServer({
    schema: await buildGraphqlSchema(db),
    driver,
    database: 'neo4j',
    host: '127.0.0.1',
    port: 0,
    corsOrigins: '*',
    logger: silentLogger,
  });
  stopServer = server.stop;
  const post = (query: string, variables?: Record<string, unknown>) =>
    fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });

  // Warm up plans and the JIT: the first calls measure compilation, not serving.
  for (let i = 0; i < 20; i += 1) await (await post(NORMAL)).json();
  for (const attack of ATTACKS) await (await post(attack.query, attack.variables)).json();

  const normalLoad = async (until: number): Promise<number[]> => {
    const latencies: number[] = [];
    let failures = 0;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (Date.now() < until) {
          const started = performance.now();
          const response = await post(NORMAL);
          const body = (await response.json()) as { errors?: unknown };
          if (response.status !== 200 || body.errors) failures += 1;
          latencies.push(performance.now() - started);
        }
      }),
    );
    if (failures > 0) logger.warn(`${failures} normal queries failed`);
    return latencies;
  };
  const attackLoad = async (until: number): Promise<Map<string, { count: number; statuses: Set<string> }>> => {
    const seen = new Map<string, { count: number; statuses: Set<string> }>();
    await Promise.all(
      Array.from({ length: attackers }, async (_, worker) => {
        for (let i = worker; Date.now() < until; i += 1) {
          const attack = ATTACKS[i % ATTACKS.length]!;
          const response = await post(attack.query, attack.variables);
          const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
          const entry = seen.get(attack.name) ?? { count: 0, statuses: new Set<string>() };
          entry.count += 1;
          entry.statuses.add(`${response.status}${body.errors ? ` ${body.errors[0]?.extensions?.code}` : ''}`);
          seen.set(attack.name, entry);
        }
      }),
    );
    return seen;
  };

  logger.info(`Phase 1: ${clients} clients, normal query alone, ${seconds} s`);
  const alone = await normalLoad(Date.now() + seconds * 1000);
  logger.info(`Phase 2: ${clients} clients beside ${attackers} attackers, ${seconds} s`);
  const until = Date.now() + seconds * 1000;
  const [underAttack, attacks] = await Promise.all([normalLoad(until), attackLoad(until)]);

  const a = summarize(alone);
  const b = summarize(underAttack);
  process.stdout.write(`normal query alone:        n=${a.n}  p50=${a.p50.toFixed(1)} ms  p99=${a.p99.toFixed(1)} ms\n`);
  process.stdout.write(`normal query under attack: n=${b.n}  p50=${b.p50.toFixed(1)} ms  p99=${b.p99.toFixed(1)} ms\n`);
  process.stdout.write(`p99 ratio (under attack / alone): ${(b.p99 / a.p99).toFixed(2)}  p50 ratio: ${(b.p50 / a.p50).toFixed(2)}\n`);
  for (const [name, entry] of attacks) process.stdout.write(`  attack ${name}: ${entry.count} sent, answered ${[...entry.statuses].join(', ')}\n`);
} finally {
  await stopServer?.();
  await driver.close();
  await embedded.stop();
  await rm(work, { recursive: true, force: true });
}

function summarize(latencies: number[]): { n: number; p50: number; p99: number } {
  const sorted = [...latencies].sort((x, y) => x - y);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? Number.NaN;
  return { n: sorted.length, p50: at(0.5), p99: at(0.99) };
}
