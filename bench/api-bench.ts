/**
 * `npm run bench [-- --sizes 1,10,100 --huge --rounds 60 --duration 5 --seed 1]`: the performance
 * benchmark of issue 10. For each size of the synthetic corpus (bench/synthetic/) it prints one
 * table in which every figure stands beside a baseline measured in the same run, in interleaved
 * rounds (the machine is shared: absolute times drift, ratios much less):
 *   - load rate of the real loader vs a plain batched UNWIND ... MERGE of the same rows;
 *   - p50/p95 of five requests through GraphQL over HTTP vs a bare node:http endpoint running the
 *     same hand-written Cypher vs the driver alone (in this process, no HTTP);
 *   - requests/s at 10 and 50 connections (autocannon, loopback) vs the bare endpoint;
 *   - resident memory of the GraphQL server, the bare endpoint and the JVM.
 * Uses a throw-away embedded Neo4j. Not a test; not run by CI.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import type { Driver } from 'neo4j-driver';
import { projectRoot } from '../src/config.ts';
import type { GraphPlan } from '../src/graph/graph-plan.ts';
import { createLogger } from '../src/logger.ts';
import { findFreePort } from '../src/neo4j/check-port-free.ts';
import { EmbeddedNeo4j } from '../src/neo4j/embedded-neo4j.ts';
import { createDriver } from '../src/neo4j/open-database.ts';
import { readSeed } from '../src/seeding/read-seed.ts';
import { ensureSchema } from '../src/store/ensure-schema.ts';
import { writeGraphPlan } from '../src/store/write-graph-plan.ts';
import { BENCH_REQUESTS, NESTED_LIST_LIMIT, type BenchRequest, type Variables } from './api/bench-requests.ts';
import { loadBaseline } from './api/load-baseline.ts';
import { canonicalJson, markdownTable, ms, percentile, postJson, processCpuMs, processMemory, ratio } from './api/measure.ts';
import { writeCorpus } from './synthetic/write-corpus.ts';

const { values: args } = parseArgs({
  options: {
    sizes: { type: 'string', default: '1,10,100' },
    huge: { type: 'boolean', default: false },
    rounds: { type: 'string', default: '60' },
    'load-rounds': { type: 'string' },
    duration: { type: 'string', default: '5' },
    // Throughput runs alternate bare and GraphQL this many times per connection count; medians are printed.
    'throughput-rounds': { type: 'string', default: '3' },
    seed: { type: 'string', default: '1' },
    heap: { type: 'string' },
    json: { type: 'string' },
    // Latency and throughput only: the graph is loaded once by the real loader, no load timing.
    'skip-load': { type: 'boolean', default: false },
    // Writes a V8 CPU profile of the GraphQL server process (node --cpu-prof) into this folder.
    'cpu-prof': { type: 'string' },
  },
});
const sizes = [...args.sizes.split(',').map(Number), ...(args.huge ? [1000] : [])];
const rounds = Number(args.rounds);
/** Load rounds: two while a load takes seconds, one beyond 10x (a load is then minutes on a busy machine). */
const loadRoundsFor = (scale: number) => Number(args['load-rounds'] ?? (scale <= 10 ? 2 : 1));
const duration = Number(args.duration);
const logger = createLogger({ level: 'info' });
const silent = createLogger({ level: 'warn' });
const out = (text: string) => process.stdout.write(`${text}\n`);

const work = await mkdtemp(path.join(os.tmpdir(), 'entente-api-bench-'));
const children = new Set<ChildProcess>();
const embedded = new EmbeddedNeo4j({
  config: {
    dataDir: path.join(work, 'neo4j'),
    boltPort: await findFreePort(),
    heapMb: Number(args.heap ?? (args.huge ? 4096 : 1536)),
    pageCacheMb: 512,
    password: undefined,
    javaHome: process.env['JAVA_HOME'],
  },
  logger,
});
let interrupted = false;
const onSignal = () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  logger.warn('Interrupted: stopping the servers and Neo4j');
  void cleanUp().finally(() => process.exit(130));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const results: unknown[] = [];
let firstJvmRss: number | undefined;
out(`API benchmark on ${machineLine()}`);
try {
  const connection = await embedded.start();
  const driver = createDriver(connection);
  const database = connection.database;
  await ensureSchema({ driver, database }, { logger });
  for (const scale of sizes) {
    results.push(await benchSize(scale, driver, database, connection.uri, connection.password));
  }
  await driver.close();
  if (args.json !== undefined) {
    const { writeFile } = await import('node:fs/promises');
    await writeFile(args.json, `${JSON.stringify({ machine: machineLine(), sizes: results }, null, 2)}\n`);
  }
} finally {
  await cleanUp();
}

async function cleanUp(): Promise<void> {
  for (const child of children) child.kill('SIGTERM');
  await embedded.stop();
  await rm(work, { recursive: true, force: true });
}

async function benchSize(scale: number, driver: Driver, database: string, uri: string, password: string): Promise<unknown> {
  const corpusDir = path.join(work, `corpus-${scale}`);
  await writeCorpus(corpusDir, { scale, seed: Number(args.seed) });
  const seed = await readSeed(corpusDir);
  const { plan } = seed;
  const relCount = plan.relationships.length;
  out(`\n=== ${scale}x: ${seed.documents.length} documents, ${plan.nodes.length} nodes, ${relCount} relationships (seed ${args.seed}) ===`);

  // Load rate, interleaved; the last round leaves the real loader's graph in place.
  const loader: number[] = [];
  const baseline: number[] = [];
  if (args['skip-load']) {
    await clearGraph(driver, database);
    await writeGraphPlan({ driver, database }, plan, { logger: silent, seedHash: seed.seedHash });
    return benchApi(scale, seed.documents.length, plan, driver, database, uri, password, undefined);
  }
  if (scale === sizes[0]) {
    // The first load compiles every statement shape, for seconds on a fresh database: not a rate.
    await clearGraph(driver, database);
    await loadBaseline(driver, database, plan);
    await clearGraph(driver, database);
    await writeGraphPlan({ driver, database }, plan, { logger: silent, seedHash: seed.seedHash });
  }
  const loadRounds = loadRoundsFor(scale);
  for (let round = 0; round < loadRounds; round += 1) {
    await clearGraph(driver, database);
    baseline.push(await timed(() => loadBaseline(driver, database, plan)));
    const baselineCounts = await countGraph(driver, database);
    await clearGraph(driver, database);
    loader.push(await timed(() => writeGraphPlan({ driver, database }, plan, { logger: silent, seedHash: seed.seedHash })));
    const loaderCounts = await countGraph(driver, database);
    if (baselineCounts.rels !== loaderCounts.rels || baselineCounts.nodes + 1 !== loaderCounts.nodes) {
      // The loader also writes its one _EntenteMeta node.
      logger.warn('Baseline and loader wrote different graphs', { baselineCounts, loaderCounts });
    }
  }
  const loaderRate = relCount / (median(loader) / 1000);
  const baselineRate = relCount / (median(baseline) / 1000);
  out(`load, median of ${loadRounds} interleaved round(s) into an emptied database:\n`);
  out(
    markdownTable(
      ['load', 'median time', 'relationships/s', 'vs baseline'],
      [
        ['plain batched UNWIND...MERGE (baseline)', ms(median(baseline)), baselineRate.toFixed(0), '1.00x'],
        ['entente loader', ms(median(loader)), loaderRate.toFixed(0), ratio(loaderRate, baselineRate)],
      ],
    ),
  );

  return benchApi(scale, seed.documents.length, plan, driver, database, uri, password, { loaderMs: loader, baselineMs: baseline, loaderRate, baselineRate });
}

async function benchApi(
  scale: number,
  documents: number,
  plan: GraphPlan,
  driver: Driver,
  database: string,
  uri: string,
  password: string,
  load: unknown,
): Promise<unknown> {
  const relCount = plan.relationships.length;
  const variables = requestVariables(plan);
  const profile = args['cpu-prof'] === undefined ? [] : ['--cpu-prof', '--cpu-prof-dir', path.resolve(args['cpu-prof'])];
  const graphql = await startChild('serve-graphql.ts', uri, password, profile);
  const bare = await startChild('serve-bare.ts', uri, password);
  const source = { driver, database };
  try {
    const targets: Record<'GraphQL' | 'bare' | 'driver', (request: BenchRequest) => Promise<unknown>> = {
      GraphQL: async (request) => {
        const answer = (await postJson(graphql.url, { query: request.query, variables: variables[request.name] })) as {
          data?: Record<string, unknown>;
          errors?: unknown[];
        };
        if (answer.errors !== undefined) throw new Error(`${request.name}: ${JSON.stringify(answer.errors).slice(0, 500)}`);
        return answer.data?.[request.field];
      },
      bare: async (request) => ((await postJson(bare.url, { name: request.name, variables: variables[request.name] })) as { data: unknown }).data,
      driver: (request) => request.direct(source, variables[request.name] ?? {}),
    };
    const names = Object.keys(targets) as (keyof typeof targets)[];

    // The three must give the same answer, or the comparison means nothing.
    const same: Record<string, boolean> = {};
    for (const request of BENCH_REQUESTS) {
      const answers = await Promise.all(names.map((name) => targets[name](request).then(canonicalJson)));
      same[request.name] = answers.every((answer) => answer === answers[0]);
      if (!same[request.name]) logger.warn(`${request.name}: the answers differ`, { answers: answers.map((a) => a.slice(0, 300)) });
    }

    const times: Record<string, Record<string, number[]>> = {};
    const warmup = Math.max(5, Math.round(rounds / 5));
    for (let round = -warmup; round < rounds; round += 1) {
      for (const request of BENCH_REQUESTS) {
        // Rotate the order each round so that no target always runs on a warmer cache.
        for (let i = 0; i < names.length; i += 1) {
          const name = names[(i + round + warmup) % names.length]!;
          const started = performance.now();
          await targets[name](request);
          const elapsed = performance.now() - started;
          if (round >= 0) ((times[request.name] ??= {})[name] ??= []).push(elapsed);
        }
      }
    }
    const latencyRows: string[][] = [];
    const latency: Record<string, unknown> = {};
    for (const request of BENCH_REQUESTS) {
      const t = times[request.name]!;
      const p = (name: string, q: number) => percentile(t[name]!, q);
      latency[request.name] = Object.fromEntries(names.map((name) => [name, { p50: p(name, 50), p95: p(name, 95) }]));
      latencyRows.push([
        request.name,
        ms(p('driver', 50)),
        ms(p('bare', 50)),
        ms(p('GraphQL', 50)),
        ratio(p('GraphQL', 50), p('bare', 50)),
        ratio(p('bare', 50), p('driver', 50)),
        ms(p('driver', 95)),
        ms(p('bare', 95)),
        ms(p('GraphQL', 95)),
        ratio(p('GraphQL', 95), p('bare', 95)),
        same[request.name] ? 'yes' : 'NO',
      ]);
    }
    out(`\nlatency, ${rounds} interleaved rounds after ${warmup} warm-up rounds (nested list: ${NESTED_LIST_LIMIT} commitments):\n`);
    out(
      markdownTable(
        ['request', 'driver p50', 'bare p50', 'GraphQL p50', 'GraphQL/bare p50', 'bare/driver p50', 'driver p95', 'bare p95', 'GraphQL p95', 'GraphQL/bare p95', 'same answer'],
        latencyRows,
      ),
    );

    // Throughput of the nested list, the request with the most GraphQL work per answer.
    const nested = BENCH_REQUESTS[0]!;
    const throughputRows: (string | number)[][] = [];
    const throughput: Record<string, unknown> = {};
    const cpuRows: (string | number)[][] = [];
    for (const connections of [10, 50]) {
      const bareRuns: Awaited<ReturnType<typeof cannon>>[] = [];
      const graphqlRuns: Awaited<ReturnType<typeof cannon>>[] = [];
      for (let round = 0; round < Number(args['throughput-rounds']); round += 1) {
        bareRuns.push(await cannon(bare.url, { name: nested.name, variables: variables[nested.name] }, connections, bare.child.pid));
        graphqlRuns.push(await cannon(graphql.url, { query: nested.query, variables: variables[nested.name] }, connections, graphql.child.pid));
      }
      const mid = (runs: typeof bareRuns, key: 'rps' | 'serverCpuMs' | 'jvmCpuMs') => median(runs.map((run) => run[key]));
      const bareRps = { rps: mid(bareRuns, 'rps'), serverCpuMs: mid(bareRuns, 'serverCpuMs'), jvmCpuMs: mid(bareRuns, 'jvmCpuMs') };
      const graphqlRps = {
        rps: mid(graphqlRuns, 'rps'),
        serverCpuMs: mid(graphqlRuns, 'serverCpuMs'),
        jvmCpuMs: mid(graphqlRuns, 'jvmCpuMs'),
        errors: graphqlRuns.reduce((sum, run) => sum + run.errors, 0),
      };
      throughput[connections] = { bare: bareRuns, graphql: graphqlRuns };
      throughputRows.push([connections, bareRps.rps.toFixed(0), graphqlRps.rps.toFixed(0), ratio(graphqlRps.rps, bareRps.rps), graphqlRps.errors]);
      cpuRows.push([
        connections,
        ms(bareRps.serverCpuMs),
        ms(graphqlRps.serverCpuMs),
        ratio(graphqlRps.serverCpuMs, bareRps.serverCpuMs),
        ms(bareRps.jvmCpuMs),
        ms(graphqlRps.jvmCpuMs),
        ratio(graphqlRps.jvmCpuMs, bareRps.jvmCpuMs),
      ]);
    }
    out(`\nrequests/s, nested list, median of ${args['throughput-rounds']} alternating ${duration} s runs each, loopback (autocannon in the benchmark process):\n`);
    out(markdownTable(['connections', 'bare req/s', 'GraphQL req/s', 'GraphQL vs bare', 'GraphQL errors'], throughputRows));
    out('\nCPU time per request during those runs (/proc; the server process, and the Neo4j JVM):\n');
    out(markdownTable(['connections', 'bare endpoint', 'GraphQL server', 'GraphQL/bare', 'JVM for bare', 'JVM for GraphQL', 'GraphQL/bare'], cpuRows));

    const memory = { graphql: processMemory(graphql.child.pid), bare: processMemory(bare.child.pid), jvm: processMemory(embedded.pid) };
    firstJvmRss ??= memory.jvm.rssMb;
    const memoryRows = [
      ['bare endpoint (baseline)', `${memory.bare.rssMb.toFixed(0)} MB`, `${memory.bare.peakMb.toFixed(0)} MB`, '1.00x'],
      ['GraphQL server', `${memory.graphql.rssMb.toFixed(0)} MB`, `${memory.graphql.peakMb.toFixed(0)} MB`, ratio(memory.graphql.rssMb, memory.bare.rssMb)],
      [`Neo4j JVM (vs the JVM at ${sizes[0]}x)`, `${memory.jvm.rssMb.toFixed(0)} MB`, `${memory.jvm.peakMb.toFixed(0)} MB`, ratio(memory.jvm.rssMb, firstJvmRss)],
    ];
    out('\nresident memory after the throughput runs:\n');
    out(markdownTable(['process', 'RSS now', 'peak RSS', 'vs baseline'], memoryRows));
    return {
      scale,
      documents,
      nodes: plan.nodes.length,
      relationships: relCount,
      load,
      variables,
      same,
      latency,
      throughput,
      memory,
    };
  } finally {
    await stopChild(graphql.child);
    await stopChild(bare.child);
  }
}

/** Ids for the requests, from the plan: a long-tail agency, a minister, the last place. */
function requestVariables(plan: GraphPlan): Record<string, Variables> {
  const agency = plan.nodes.find((node) => node.label === 'Organisation' && node.properties['kind'] === 'SERVICE');
  const person = plan.nodes.find((node) => node.label === 'Person');
  const place = [...plan.nodes].reverse().find((node) => node.label === 'Place');
  if (agency === undefined || person === undefined || place === undefined) throw new Error('the corpus lacks an agency, a person or a place');
  return {
    'nested list': { limit: NESTED_LIST_LIMIT },
    entity: { id: agency.id },
    search: { text: 'border security' },
    'neighbourhood d2': { id: agency.id },
    path: { from: person.id, to: place.id },
  };
}

async function startChild(script: string, uri: string, password: string, nodeFlags: string[] = []): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, [...nodeFlags, '--import', 'tsx', path.join(projectRoot, 'bench', 'api', script)], {
    cwd: projectRoot,
    env: { ...process.env, NEO4J_URI: uri, NEO4J_PASSWORD: password, NODE_ENV: 'production' },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code} before it was ready`)));
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
  });
  return { child, url };
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

async function cannon(
  url: string,
  body: unknown,
  connections: number,
  serverPid: number | undefined,
): Promise<{ rps: number; errors: number; serverCpuMs: number; jvmCpuMs: number }> {
  const cpuBefore = { server: processCpuMs(serverPid), jvm: processCpuMs(embedded.pid) };
  const result = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
    connections,
    duration,
  });
  const served = Math.max(1, result.requests.total);
  return {
    rps: result.requests.average,
    errors: result.errors + result.non2xx,
    serverCpuMs: (processCpuMs(serverPid) - cpuBefore.server) / served,
    jvmCpuMs: (processCpuMs(embedded.pid) - cpuBefore.jvm) / served,
  };
}

async function clearGraph(driver: Driver, database: string): Promise<void> {
  const session = driver.session({ database });
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS');
  } finally {
    await session.close();
  }
}

async function countGraph(driver: Driver, database: string): Promise<{ nodes: number; rels: number }> {
  const { records } = await driver.executeQuery(
    'CALL { MATCH (n) RETURN count(n) AS nodes } CALL { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels',
    {},
    { database },
  );
  return { nodes: Number(records[0]?.get('nodes')), rels: Number(records[0]?.get('rels')) };
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function median(values: readonly number[]): number {
  return percentile(values, 50);
}

function machineLine(): string {
  return `${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, Node ${process.version}`;
}

