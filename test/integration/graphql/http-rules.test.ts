import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { serveSeededGraph, type SeededServer } from './serve-seeded-graph.ts';

// What docs/api.md promises frontend developers about HTTP: GET, CSRF, persisted queries, CORS, status codes.
let server: SeededServer;
beforeAll(async () => {
  server = await serveSeededGraph();
});
afterAll(async () => {
  await server?.close();
});

const QUERY = '{ countries(where: { id: { eq: "FR" } }) { name } }';
const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

describe('GET and CSRF prevention', () => {
  test('a GET query with the preflight header is answered', async () => {
    const response = await fetch(`${server.url}?query=${encodeURIComponent(QUERY)}`, { headers: { 'apollo-require-preflight': 'true' } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { countries: [{ name: 'France' }] } });
  });

  test('a GET query without it is refused with 400 (a cross-site page could send it)', async () => {
    const response = await fetch(`${server.url}?query=${encodeURIComponent(QUERY)}`);
    expect(response.status).toBe(400);
  });
});

describe('automatic persisted queries', () => {
  test('an unknown hash is PERSISTED_QUERY_NOT_FOUND; after one request with the query, the hash alone works', async () => {
    const sha256Hash = createHash('sha256').update(QUERY).digest('hex');
    const extensions = { persistedQuery: { version: 1, sha256Hash } };
    const first = (await (await post({ extensions })).json()) as { errors: { extensions: { code: string } }[] };
    expect(first.errors[0]!.extensions.code).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await post({ query: QUERY, extensions })).status).toBe(200);
    expect(await (await post({ extensions })).json()).toEqual({ data: { countries: [{ name: 'France' }] } });
  });
});

describe('status codes', () => {
  test('an operation that does not fit the schema is 400 GRAPHQL_VALIDATION_FAILED', async () => {
    const response = await post({ query: '{ countries { nonexistent } }' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  test('an unknown id is NOT_FOUND with status 200 and data null', async () => {
    const response = await post({ query: '{ entity(id: "atlantis") { id } }' });
    expect(response.status).toBe(200);
    const body = (await response.json()) as { data: unknown; errors: { extensions: { code: string } }[] };
    expect(body.data).toBeNull();
    expect(body.errors[0]!.extensions.code).toBe('NOT_FOUND');
  });

  test('a variable of the wrong type is 400 BAD_USER_INPUT', async () => {
    const response = await post({ query: 'query ($k: Int) { paths(from: "FR", to: "BE", k: $k) { nodes { id } } }', variables: { k: 'three' } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('BAD_USER_INPUT');
  });
});

test('CORS: the default allows any origin', async () => {
  const response = await fetch(server.url, {
    method: 'OPTIONS',
    headers: { origin: 'https://explorer.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
  });
  expect(response.status).toBeLessThan(300);
  expect(response.headers.get('access-control-allow-origin')).toBe('*');
});
