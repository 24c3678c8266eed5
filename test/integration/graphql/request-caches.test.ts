import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { installTranslationCache } from '../../../src/server/schema/translation-cache.ts';
import { dataOf } from './expect-graphql.ts';
import { serveSeededGraph, type SeededServer } from './serve-seeded-graph.ts';

// The server remembers translations (translation-cache.ts) and request-limit estimates per
// document: the same query text with other variables, aliases or limits must still get its own answer.
let server: SeededServer;
beforeAll(async () => {
  server = await serveSeededGraph();
});
afterAll(async () => {
  await server?.close();
});

const COUNTRY = 'query ($id: ID!) { countries(where: { id: { eq: $id } }) { id name } }';

describe('answers with the caches in place', () => {
  test('the same query text with other variables gets its own answer, also when asked again', async () => {
    const cache = installTranslationCache()!;
    for (let pass = 0; pass < 2; pass += 1) {
      expect(dataOf(await server.query(COUNTRY, { id: 'FR' }))).toEqual({ countries: [{ id: 'FR', name: 'France' }] });
      expect(dataOf(await server.query(COUNTRY, { id: 'BE' }))).toEqual({ countries: [{ id: 'BE', name: 'Belgium' }] });
    }
    expect(cache.hits).toBeGreaterThanOrEqual(2);
  });

  test('an answer from a remembered translation equals a fresh one, for lists, aliases and connections', async () => {
    const queries: [string, Record<string, unknown>][] = [
      ['query ($n: Int) { commitments(limit: $n, sort: [{ id: ASC }]) { id modality parties { id name } concerns { ... on Instrument { id name } } mentionedIn { id } } }', { n: 5 }],
      ['query ($n: Int) { commitments(limit: $n, sort: [{ id: ASC }]) { id modality parties { id name } concerns { ... on Instrument { id name } } mentionedIn { id } } }', { n: 7 }],
      ['{ a: countries(sort: [{ id: ASC }], limit: 1) { id } b: countries(sort: [{ id: DESC }], limit: 1) { key: id } }', {}],
      ['query ($first: Int) { commitmentsConnection(first: $first, sort: [{ id: ASC }]) { totalCount edges { node { id } } pageInfo { endCursor } } }', { first: 3 }],
    ];
    const fresh = await Promise.all(queries.map(([query, variables]) => server.query(query, variables)));
    const again = await Promise.all(queries.map(([query, variables]) => server.query(query, variables)));
    expect(again).toEqual(fresh);
    expect(fresh.map((response) => response.errors)).toEqual(queries.map(() => undefined));
    expect((dataOf(fresh[0]!) as { commitments: unknown[] }).commitments).toHaveLength(5);
    expect((dataOf(fresh[1]!) as { commitments: unknown[] }).commitments).toHaveLength(7);
    expect(Object.keys((dataOf(fresh[2]!) as { b: object[] }).b[0]!)).toEqual(['key']);
    // The next page's cursor comes from the first answer: a cached translation must not replay page one.
    const cursor = (dataOf(fresh[3]!) as { commitmentsConnection: { pageInfo: { endCursor: string } } }).commitmentsConnection.pageInfo.endCursor;
    const page = 'query ($after: String) { commitmentsConnection(first: 3, after: $after, sort: [{ id: ASC }]) { edges { node { id } } } }';
    const first = dataOf(await server.query(page, {})) as { commitmentsConnection: { edges: { node: { id: string } }[] } };
    const second = dataOf(await server.query(page, { after: cursor })) as typeof first;
    expect(second.commitmentsConnection.edges.map((edge) => edge.node.id)).not.toEqual(first.commitmentsConnection.edges.map((edge) => edge.node.id));
  });

  test('a limit the cost estimate refuses stays refused when the same document was allowed before', async () => {
    const query = 'query ($n: Int) { countries(limit: $n) { id } }';
    expect((await server.query(query, { n: 2 })).errors).toBeUndefined();
    const refused = await server.query(query, { n: 999_999 });
    expect(refused.status).toBe(400);
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
    expect((await server.query(query, { n: 2 })).errors).toBeUndefined();
  });
});

test('answers are never cacheable: cache-control no-store, as with Apollo’s cache-control plugin', async () => {
  const response = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ countries(limit: 1) { id } }' }) });
  expect(response.status).toBe(200);
  expect(response.headers.get('cache-control')).toBe('no-store');
  const refused = await fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ nope }' }) });
  expect(refused.status).toBe(400);
  expect(refused.headers.get('cache-control')).toBe('no-store');
});
