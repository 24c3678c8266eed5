/**
 * `npm run bench:load -- DIR [DIR...] [--heap 2048] [--rounds 30] [--export jsonl,graphml]
 * [--graphml-up-to 100000]`: the load side of issue 10 on corpora written by `npm run synthetic`
 * (smallest first). For each corpus, in one throw-away embedded Neo4j:
 *   - load rate of the real loader (a child process, as `entente seed` runs it) against the plain
 *     batched UNWIND ... MERGE baseline (bench/api/load-baseline.ts) in the same run, each into an
 *     emptied database, and an unchanged re-run of the loader (which must write nothing);
 *   - resident memory of each loading process after validation and at its peak, and of the JVM;
 *   - peak RSS of `entente export` per format (GraphML only up to a number of relationships: its
 *     writer runs at under 1 MB/s);
 *   - p50/p95 of `neighbourhood` depth 2 and `path` with the driver alone and through GraphQL
 *     over HTTP (the real server in a child process).
 * Not a test; not run by CI.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs, promisify } from 'node:util';
import type { Driver } from 'neo4j-driver';
import { projectRoot } from '../src/config.ts';
import { createLogger } from '../src/logger.ts';
import { findFreePort } from '../src/neo4j/check-port-free.ts';
import { EmbeddedNeo4j } from '../src/neo4j/embedded-neo4j.ts';
import { createDriver } from '../src/neo4j/open-database.ts';
import { findBenchRequest } from './api/bench-requests.ts';
import { markdownTable, ms, percentile, postJson, processMemory, ratio } from './api/measure.ts';

const run = promisify(execFile);
const { values: args, positionals: dirs } = parseArgs({
  allowPositionals: true,
  options: {
    heap: { type: 'string', default: '2048' },
    'page-cache': { type: 'string', default: '1024' },
    rounds: { type: 'string', default: '30' },
    export: { type: 'string', default: 'jsonl,graphml' },
    'graphml-up-to': { type: 'string', default: '100000' },
    rerun: { type: 'boolean', default: true },
  },
});
if (dirs.length === 0) {
  process.stderr.write('usage: npm run bench:load -- DIR [DIR...] (corpora from npm run synthetic, smallest first)\n');
  process.exit(2);
}
const logger = createLogger({ level: 'info' });
const out = (text: string) => process.stdout.write(`${text}\n`);
const mb = (value: number) => `${value.toFixed(0)} MB`;

const work = await mkdtemp(path.join(os.tmpdir(), 'entente-load-bench-'));
const children = new Set<ChildProcess>();
const embedded = new EmbeddedNeo4j({
  config: {
    dataDir: path.join(work, 'neo4j'),
    boltPort: await findFreePort(),
    heapMb: Number(args.heap),
    pageCacheMb: Number(args['page-cache']),
    password: undefined,
    javaHome: process.env['JAVA_HOME'],
  },
  logger,
});
const onSignal = () => {
  for (const child of children) child.kill('SIGTERM');
  void embedded.stop().finally(() => process.exit(130));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

try {
  const connection = await embedded.start();
  const env = { ...process.env, NEO4J_URI: connection.uri, NEO4J_PASSWORD: connection.password, NODE_ENV: 'production' };
  const driver = createDriver(connection);
  out(`Load benchmark: Neo4j heap ${args.heap} MB, page cache ${args['page-cache']} MB, ${os.cpus().length} cores, load average ${os.loadavg()[0]?.toFixed(1)}`);
  // The first load of a fresh database compiles every statement shape (seconds): not a rate.
  await loadChild('baseline', dirs[0] ?? '', env);
  await clearGraph(driver);
  await loadChild('loader', dirs[0] ?? '', env);
  for (const dir of dirs) await benchCorpus(dir, driver, env);
  await driver.close();
} finally {
  for (const child of children) child.kill('SIGTERM');
  await embedded.stop();
  await rm(work, { recursive: true, force: true });
}

interface LoadRun {
  mode: string;
  nodes: number;
  relationships: number;
  validateMs: number;
  loadMs: number;
  changed: boolean;
  rssAfterValidationMb: number;
  peakAfterValidationMb: number;
  peakMb: number;
}

async function benchCorpus(dir: string, driver: Driver, env: NodeJS.ProcessEnv): Promise<void> {
  out(`\n=== ${path.basename(dir)} (load average ${os.loadavg()[0]?.toFixed(1)}) ===`);
  await clearGraph(driver);
  const baseline = await loadChild('baseline', dir, env);
  await clearGraph(driver);
  const loader = await loadChild('loader', dir, env);
  const rerun = args.rerun ? await loadChild('loader', dir, env) : undefined;
  const jvm = processMemory(embedded.pid);
  const rate = (load: LoadRun) => load.relationships / (load.loadMs / 1000);
  out(`${loader.nodes} nodes, ${loader.relationships} relationships; validation ${ms(loader.validateMs)} in the loader's process\n`);
  out(
    markdownTable(
      ['load', 'time', 'relationships/s', 'vs baseline', 'RSS after validation', 'peak RSS', 'peak added by the load'],
      [baseline, loader, ...(rerun ? [rerun] : [])].map((load, index) => [
        index === 0 ? 'plain batched UNWIND...MERGE (baseline)' : index === 1 ? 'entente loader, empty database' : `entente loader, unchanged re-run (wrote ${load.changed ? 'something' : 'nothing'})`,
        ms(load.loadMs),
        index === 2 ? '-' : rate(load).toFixed(0),
        index === 2 ? '-' : ratio(rate(load), rate(baseline)),
        mb(load.rssAfterValidationMb),
        mb(load.peakMb),
        mb(load.peakMb - load.peakAfterValidationMb),
      ]),
    ),
  );
  out(`\nNeo4j JVM: RSS ${mb(jvm.rssMb)}, peak ${mb(jvm.peakMb)}\n`);

  const exports: string[][] = [];
  for (const format of args.export.split(',').filter((name) => name !== '')) {
    if (format === 'graphml' && loader.relationships > Number(args['graphml-up-to'])) {
      exports.push([format, 'not run (over --graphml-up-to)', '', '']);
      continue;
    }
    const file = path.join(work, `export.${format}`);
    const started = performance.now();
    const { stderr } = await run('/usr/bin/time', ['-f', 'peak-kb %M', process.execPath, path.join(projectRoot, 'bin', 'entente.js'), 'export', '--format', format, '--out', file], {
      env,
      maxBuffer: 1 << 24,
    });
    const peakKb = Number(/peak-kb (\d+)/u.exec(stderr)?.[1]);
    exports.push([format, ms(performance.now() - started), `${((await stat(file)).size / 2 ** 20).toFixed(1)} MB`, mb(peakKb / 1024)]);
    await rm(file, { force: true });
  }
  if (exports.length > 0) out(`${markdownTable(['export', 'time', 'size', 'peak RSS'], exports)}\n`);

  await latency(driver, env, loader);
}

async function latency(driver: Driver, env: NodeJS.ProcessEnv, loader: LoadRun): Promise<void> {
  const ids = await driver.executeQuery(
    `MATCH (a:Organisation {kind: 'SERVICE'}) WITH a ORDER BY a.id LIMIT 1
     MATCH (p:Person) WITH a, p ORDER BY p.id LIMIT 1
     MATCH (pl:Place) WITH a, p, pl ORDER BY pl.id DESC LIMIT 1
     RETURN a.id AS agency, p.id AS person, pl.id AS place`,
  );
  const record = ids.records[0];
  if (record === undefined) throw new Error('the corpus lacks an agency, a person or a place');
  const variables = {
    'neighbourhood d2': { id: record.get('agency') as string },
    path: { from: record.get('person') as string, to: record.get('place') as string },
  };
  const graphql = await startGraphql(env);
  const source = { driver, database: 'neo4j' };
  const rounds = Number(args.rounds);
  const rows: string[][] = [];
  try {
    for (const name of ['neighbourhood d2', 'path'] as const) {
      const request = findBenchRequest(name);
      const times = { driver: [] as number[], graphql: [] as number[] };
      for (let round = 0; round < rounds + Math.ceil(rounds / 5); round += 1) {
        const warm = round >= Math.ceil(rounds / 5);
        let started = performance.now();
        await request.direct(source, variables[name]);
        if (warm) times.driver.push(performance.now() - started);
        started = performance.now();
        const answer = (await postJson(graphql.url, { query: request.query, variables: variables[name] })) as { errors?: unknown };
        if (answer.errors !== undefined) throw new Error(`${name}: ${JSON.stringify(answer.errors).slice(0, 300)}`);
        if (warm) times.graphql.push(performance.now() - started);
      }
      rows.push([name, ms(percentile(times.driver, 50)), ms(percentile(times.graphql, 50)), ms(percentile(times.driver, 95)), ms(percentile(times.graphql, 95))]);
    }
  } finally {
    graphql.child.kill('SIGTERM');
  }
  out(`Latency at ${loader.relationships} relationships, ${rounds} interleaved rounds after warm-up:\n`);
  out(markdownTable(['request', 'driver p50', 'GraphQL p50', 'driver p95', 'GraphQL p95'], rows));
}

async function loadChild(mode: 'loader' | 'baseline', dir: string, env: NodeJS.ProcessEnv): Promise<LoadRun> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'bench', 'load', 'load-child.ts'), mode, dir], {
    cwd: projectRoot,
    env,
    maxBuffer: 1 << 24,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as LoadRun;
}

async function startGraphql(env: NodeJS.ProcessEnv): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(projectRoot, 'bench', 'api', 'serve-graphql.ts')], { cwd: projectRoot, env, stdio: ['pipe', 'pipe', 'inherit'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const lines = createInterface({ input: child.stdout! });
  const url = await new Promise<string>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`serve-graphql exited with ${code} before it was ready`)));
    lines.once('line', (line) => resolve((JSON.parse(line) as { url: string }).url));
  });
  return { child, url };
}

async function clearGraph(driver: Driver): Promise<void> {
  // Auto-commit batches: emptying a large graph in one transaction would need its heap.
  const session = driver.session({ database: 'neo4j' });
  try {
    await session.run('MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 5000 ROWS');
  } finally {
    await session.close();
  }
}
