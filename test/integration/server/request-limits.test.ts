import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_LIMITS } from '../../../src/config.ts';
import { errorOf } from '../graphql/expect-graphql.ts';
import { type SeededServer, serveSeededGraph } from '../graphql/serve-seeded-graph.ts';
import { FANOUT_QUERY, aliasesQuery, deepSelectionQuery, nestedFilterQuery } from './attacks.ts';

/**
 * The attacks of issue 9 against the default limits: each is refused before it reaches Neo4j,
 * within a bounded time, with a code, and /health keeps answering. Timings are printed, not asserted
 * tightly (a shared machine); the bound asserted is generous but far below what the attacks cost.
 */
describe('request limits', () => {
  let server: SeededServer;
  let health: string;
  beforeAll(async () => {
    server = await serveSeededGraph();
    health = server.url.replace(/graphql$/, 'health');
  });
  afterAll(async () => {
    await server?.close();
  });

  const timed = async (query: string, variables?: Record<string, unknown>) => {
    const started = performance.now();
    const response = await server.query(query, variables);
    const ms = Math.round(performance.now() - started);
    return { response, ms };
  };

  const expectRefused = async (label: string, query: string, code: string, variables?: Record<string, unknown>) => {
    const { response, ms } = await timed(query, variables);
    process.stderr.write(`[limits] ${label}: ${response.status} ${String(errorOf(response).code)} in ${ms} ms\n`);
    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe(code);
    expect(response.data ?? undefined).toBeUndefined();
    expect(ms).toBeLessThan(2_000);
    expect((await fetch(health)).status).toBe(200);
    return errorOf(response);
  };

  it('refuses a where filter nesting relationship filters nine levels deep as BAD_USER_INPUT', async () => {
    const error = await expectRefused('nine-level filter', nestedFilterQuery(9), 'BAD_USER_INPUT');
    expect(error.extensions).toMatchObject({ argument: 'where', field: 'Query.countries' });
  });

  it('lets a filter three levels deep through', async () => {
    const { response } = await timed(nestedFilterQuery(DEFAULT_REQUEST_LIMITS.maxFilterDepth));
    expect(response.errors).toBeUndefined();
  });

  it('refuses a selection nested 100 levels deep as QUERY_TOO_COMPLEX (depth)', async () => {
    const error = await expectRefused('100-level selection', deepSelectionQuery(100), 'QUERY_TOO_COMPLEX');
    expect(error.extensions).toMatchObject({ limit: 'depth', max: DEFAULT_REQUEST_LIMITS.maxDepth });
  });

  it('refuses the countries/partyTo/parties fan-out by its estimated cost', async () => {
    const error = await expectRefused('fan-out', FANOUT_QUERY, 'QUERY_TOO_COMPLEX');
    expect(error.extensions).toMatchObject({ limit: 'cost', max: DEFAULT_REQUEST_LIMITS.maxCost });
    expect(error.extensions.cost).toBeGreaterThan(DEFAULT_REQUEST_LIMITS.maxCost);
  });

  it('estimates a limit passed as a variable, not only as a literal', async () => {
    const query = 'query ($n: Int) { countries(limit: $n) { name partyTo(limit: $n) { name parties(limit: $n) { name } } } }';
    expect((await timed(query, { n: 5 })).response.errors).toBeUndefined();
    await expectRefused('cost via variables', query, 'QUERY_TOO_COMPLEX', { n: 1000 });
  });

  it('refuses 1,000 aliases of the widest neighbourhood in the parser (token limit)', async () => {
    await expectRefused('1,000 aliases', aliasesQuery(1_000), 'GRAPHQL_PARSE_FAILED');
  });

  it('refuses more aliases than allowed as QUERY_TOO_COMPLEX (aliases)', async () => {
    const error = await expectRefused('31 aliases', aliasesQuery(DEFAULT_REQUEST_LIMITS.maxAliases + 1), 'QUERY_TOO_COMPLEX');
    expect(error.extensions).toMatchObject({ limit: 'aliases' });
  });

  it('refuses negative limit, first and offset as BAD_USER_INPUT', async () => {
    for (const query of ['{ countries(limit: -1) { name } }', '{ commitmentsConnection(first: -5) { totalCount } }', '{ countries(offset: -3) { name } }']) {
      const error = await expectRefused(query, query, 'BAD_USER_INPUT');
      expect(['limit', 'first', 'offset']).toContain(error.extensions.argument);
    }
  });

  it('refuses search text over the length or word limit as BAD_USER_INPUT', async () => {
    const long = 'x'.repeat(DEFAULT_REQUEST_LIMITS.maxSearchChars + 1);
    const error = await expectRefused('long search', 'query ($t: String!) { search(text: $t) { total } }', 'BAD_USER_INPUT', { t: long });
    expect(error.extensions).toMatchObject({ argument: 'text' });
    const words = Array.from({ length: DEFAULT_REQUEST_LIMITS.maxSearchWords + 1 }, (_, i) => `w${i}`).join(' ');
    await expectRefused('many words', 'query ($t: String!) { search(text: $t) { total } }', 'BAD_USER_INPUT', { t: words });
  });

  it('refuses an 800 KB search as an oversize body, in JSON', async () => {
    const started = performance.now();
    const response = await fetch(server.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query ($t: String!) { search(text: $t) { total } }', variables: { t: 'europol '.repeat(100_000) } }),
    });
    const ms = Math.round(performance.now() - started);
    process.stderr.write(`[limits] 800 KB search: ${response.status} in ${ms} ms\n`);
    expect(response.status).toBe(413);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST', reason: 'entity.too.large' } }] });
    expect((await fetch(health)).status).toBe(200);
  });
});
