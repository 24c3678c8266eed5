import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_LIMITS, type RequestLimits } from '../../../src/config.ts';
import { silentLogger } from '../../../src/logger.ts';
import { type RunningServer, startServer } from '../../../src/server/start-server.ts';
import { buildGraphqlSchema } from '../../../src/server/schema/build-graphql-schema.ts';
import { type SeededServer, serveSeededGraph } from '../graphql/serve-seeded-graph.ts';
import { nestedFilterQuery } from './attacks.ts';

/**
 * What stops a query the limits let through: the server-side transaction timeout and the
 * cancellation of a request whose client went away. The nine-level filter serves as the
 * runaway query, with the filter limit lifted.
 */
describe('transaction limits', () => {
  let seeded: SeededServer;
  const running: RunningServer[] = [];
  beforeAll(async () => {
    seeded = await serveSeededGraph();
  });
  afterAll(async () => {
    for (const server of running) await server.stop();
    await seeded?.close();
  });

  const serve = async (limits: Partial<RequestLimits>) => {
    const schema = await buildGraphqlSchema(seeded.db);
    const server = await startServer({
      schema,
      driver: seeded.db.driver,
      database: seeded.db.database,
      host: '127.0.0.1',
      port: 0,
      corsOrigins: '*',
      limits: { ...DEFAULT_REQUEST_LIMITS, maxFilterDepth: 20, maxCost: 1e12, ...limits },
      logger: silentLogger,
    });
    running.push(server);
    return server;
  };

  const post = (url: string, query: string, signal?: AbortSignal) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }), signal });

  /** The transactions this test's requests still run in Neo4j. */
  const taggedTransactions = async (): Promise<number> => {
    const { records } = await seeded.db.driver.executeQuery(
      'SHOW TRANSACTIONS YIELD metaData WHERE metaData.ententeRequest IS NOT NULL RETURN count(*) AS n',
      {},
      { database: seeded.db.database },
    );
    return Number(records[0]?.get('n'));
  };

  it('stops a generated query at the server-side timeout with QUERY_TIMEOUT, /health answering meanwhile', async () => {
    const server = await serve({ transactionTimeoutMs: 2_000 });
    const started = performance.now();
    const pending = post(server.url, nestedFilterQuery(9));
    const health = await fetch(server.url.replace(/graphql$/, 'health'));
    expect(health.status).toBe(200);
    const body = await (await pending).json();
    const ms = Math.round(performance.now() - started);
    process.stderr.write(`[transactions] nine-level filter with a 2 s timeout: ${body.errors?.[0]?.extensions?.code} after ${ms} ms\n`);
    expect(body.errors?.[0]?.extensions?.code).toBe('QUERY_TIMEOUT');
    expect(JSON.stringify(body)).not.toMatch(/Neo\.|bolt:/);
    expect(ms).toBeLessThan(15_000);
    expect(await taggedTransactions()).toBe(0);
  });

  it('terminates the transactions of a request whose client disconnects', async () => {
    const server = await serve({ transactionTimeoutMs: 120_000 });
    const abort = new AbortController();
    const pending = post(server.url, nestedFilterQuery(9), abort.signal).catch(() => undefined);
    const deadline = Date.now() + 20_000;
    while ((await taggedTransactions()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    expect(await taggedTransactions()).toBeGreaterThan(0);
    const aborted = performance.now();
    abort.abort();
    await pending;
    while ((await taggedTransactions()) > 0 && Date.now() < deadline + 20_000) await new Promise((r) => setTimeout(r, 100));
    const ms = Math.round(performance.now() - aborted);
    process.stderr.write(`[transactions] client gone: its transaction terminated ${ms} ms later\n`);
    expect(await taggedTransactions()).toBe(0);
    expect(ms).toBeLessThan(10_000);
  });

  it('tells a request SERVER_BUSY when every transaction slot stays busy past the wait limit, then serves again', async () => {
    const server = await serve({ maxTransactions: 1, transactionWaitMs: 300, transactionTimeoutMs: 4_000 });
    const runaway = post(server.url, nestedFilterQuery(9));
    const deadline = Date.now() + 20_000;
    while ((await taggedTransactions()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    expect(await taggedTransactions()).toBeGreaterThan(0);
    const busy = await (await post(server.url, '{ countries(limit: 1) { id } }')).json();
    expect(busy.errors?.[0]?.extensions?.code).toBe('SERVER_BUSY');
    expect(busy.errors?.[0]?.message).toMatch(/busy/);
    expect((await (await runaway).json()).errors?.[0]?.extensions?.code).toBe('QUERY_TIMEOUT');
    const after = await (await post(server.url, '{ countries(limit: 1) { id } }')).json();
    expect(after.errors).toBeUndefined();
    expect(after.data.countries).toHaveLength(1);
  });
});
