import { gzipSync } from 'node:zlib';
import { SignJWT } from 'jose';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_LIMITS, DEFAULT_SECURITY, type SecurityConfig } from '../../../src/config.ts';
import { silentLogger } from '../../../src/logger.ts';
import { findFreePort } from '../../../src/neo4j/check-port-free.ts';
import { createDriver } from '../../../src/neo4j/open-database.ts';
import { type RunningServer, startServer } from '../../../src/server/start-server.ts';
import { sha256 } from '../../../src/server/http/trusted-documents.ts';
import { buildGraphqlSchema } from '../../../src/server/schema/build-graphql-schema.ts';
import { type SeededServer, serveSeededGraph } from '../graphql/serve-seeded-graph.ts';

/** Nothing a client receives may carry a stack, a file path or an address. */
function expectNoInternals(text: string): void {
  expect(text).not.toMatch(/<html|<pre>|\bat [\w.]+ \(|node_modules|\/work\/|\/home\/|bolt:\/\/|127\.0\.0\.1|Error:/i);
}

describe('HTTP hardening', () => {
  let server: SeededServer;
  beforeAll(async () => {
    server = await serveSeededGraph();
  });
  afterAll(async () => {
    await server?.close();
  });

  const post = (body: string | Blob, headers: Record<string, string> = {}) =>
    fetch(server.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body });

  it.each([
    ['malformed JSON', () => post('{"query": "{ countries { name } }"'), 400, 'entity.parse.failed'],
    ['a body over the size limit', () => post(JSON.stringify({ query: `{ countries { name } } # ${'x'.repeat(DEFAULT_REQUEST_LIMITS.maxBodyBytes)}` })), 413, 'entity.too.large'],
    ['an unknown content-encoding', () => post('{"query":"{ countries { name } }"}', { 'content-encoding': 'x-unknown' }), 415, 'encoding.unsupported'],
  ])('answers %s with a JSON error and no internals', async (_label, send, status, reason) => {
    const response = await send();
    const text = await response.text();
    expect(response.status).toBe(status);
    expect(response.headers.get('content-type')).toMatch(/^application\/json/);
    expect(JSON.parse(text)).toMatchObject({ errors: [{ extensions: { code: 'BAD_REQUEST', reason } }] });
    expectNoInternals(text);
  });

  it('still reads a gzip body', async () => {
    const response = await post(new Blob([new Uint8Array(gzipSync(JSON.stringify({ query: '{ countries(limit: 1) { id } }' })))]), { "content-encoding": "gzip" });
    expect(response.status).toBe(200);
  });

  it('answers an unknown path with a JSON 404 that does not echo it', async () => {
    const response = await fetch(server.url.replace(/graphql$/, 'nope/secret-path'));
    const text = await response.text();
    expect(response.status).toBe(404);
    expect(text).not.toContain('secret-path');
    expect(JSON.parse(text)).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
  });

  it('sends security headers and no X-Powered-By', async () => {
    const response = await post(JSON.stringify({ query: '{ countries(limit: 1) { id } }' }));
    expect(response.headers.get('x-powered-by')).toBeNull();
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
    expect(response.headers.get('strict-transport-security')).toMatch(/max-age/);
    expect(response.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(response.headers.get('x-frame-options')).toBe('SAMEORIGIN');
  });

  it('has liveness and readiness probes beside /health', async () => {
    const base = server.url.replace(/\/graphql$/, '');
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: 'ok', database: { status: 'up' } });
  });

  it('says NEO4J_UNAVAILABLE without the driver text or the Bolt address', async () => {
    const dead = createDriver({ ...server.db.connection, uri: `bolt://127.0.0.1:${await findFreePort()}` });
    const schema = await buildGraphqlSchema({ driver: dead, database: server.db.database });
    const other = await startServer({ schema, driver: dead, database: server.db.database, host: '127.0.0.1', port: 0, corsOrigins: '*', logger: silentLogger });
    try {
      const response = await fetch(other.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ countries { name } }' }) });
      const text = await response.text();
      expect(JSON.parse(text)).toMatchObject({ errors: [{ extensions: { code: 'NEO4J_UNAVAILABLE' } }] });
      expectNoInternals(text);
    } finally {
      await other.stop();
      await dead.close();
    }
  });
});

describe('production switches', () => {
  let server: SeededServer;
  let scratch: string;
  const running: RunningServer[] = [];
  beforeAll(async () => {
    server = await serveSeededGraph();
    scratch = await mkdtemp(path.join(os.tmpdir(), 'entente-production-'));
  });
  afterAll(async () => {
    for (const other of running) await other.stop();
    await server?.close();
    await rm(scratch, { recursive: true, force: true });
  });

  const serve = async (security: Partial<SecurityConfig>) => {
    const schema = await buildGraphqlSchema(server.db);
    const other = await startServer({
      schema,
      driver: server.db.driver,
      database: server.db.database,
      host: '127.0.0.1',
      port: 0,
      corsOrigins: ['https://app.example'],
      security: { ...DEFAULT_SECURITY, ...security },
      logger: silentLogger,
    });
    running.push(other);
    return (body: Record<string, unknown>, headers: Record<string, string> = {}) =>
      fetch(other.url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  };

  it('in production refuses introspection and gives no "did you mean" suggestions', async () => {
    const post = await serve({ production: true });
    const introspection = await (await post({ query: '{ __schema { types { name } } }' })).json();
    expect(introspection.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const typo = await (await post({ query: '{ countrie { name } }' })).json();
    expect(typo.errors?.[0]?.message).not.toMatch(/did you mean/i);
    expect((await (await post({ query: '{ countries(limit: 1) { id } }' })).json()).data.countries).toHaveLength(1);
    const development = await (await serve({}))({ query: '{ countrie { name } }' });
    expect((await development.json()).errors?.[0]?.message).toMatch(/did you mean/i);
  });

  it('with trusted documents runs those only, by hash or by text', async () => {
    const trusted = '{ countries(limit: 1) { id } }';
    const file = path.join(scratch, 'trusted.json');
    await writeFile(file, JSON.stringify({ [sha256(trusted)]: trusted }));
    const post = await serve({ trustedDocumentsFile: file });
    expect((await (await post({ documentId: `sha256:${sha256(trusted)}` })).json()).data.countries).toHaveLength(1);
    expect((await (await post({ extensions: { persistedQuery: { version: 1, sha256Hash: sha256(trusted) } } })).json()).data.countries).toHaveLength(1);
    expect((await post({ query: trusted })).status).toBe(200);
    const other = await post({ query: '{ countries { id name } }' });
    expect(other.status).toBe(400);
    expect(await other.json()).toMatchObject({ errors: [{ extensions: { code: 'OPERATION_NOT_TRUSTED' } }] });
  });

  it('with a JWT secret requires a valid bearer token', async () => {
    const secret = 'a-test-secret-that-is-long-enough-1234';
    const post = await serve({ jwt: { secret, jwksUrl: undefined, issuer: 'entente-test', audience: undefined } });
    const query = { query: '{ countries(limit: 1) { id } }' };
    const none = await post(query);
    expect(none.status).toBe(401);
    expect(await none.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    const sign = (key: string, issuer: string) =>
      new SignJWT({}).setProtectedHeader({ alg: 'HS256' }).setIssuer(issuer).setExpirationTime('5m').sign(new TextEncoder().encode(key));
    expect((await post(query, { authorization: `Bearer ${await sign(`${secret}-wrong`, 'entente-test')}` })).status).toBe(401);
    expect((await post(query, { authorization: `Bearer ${await sign(secret, 'someone-else')}` })).status).toBe(401);
    expect((await post(query, { authorization: `Bearer ${await sign(secret, 'entente-test')}` })).status).toBe(200);
  });
});
