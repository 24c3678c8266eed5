import { GraphQLObjectType, GraphQLSchema, GraphQLString } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { silentLogger } from '../../../src/logger.ts';
import { findFreePort } from '../../../src/neo4j/check-port-free.ts';
import { createDriver } from '../../../src/neo4j/open-database.ts';
import { type RunningServer, startServer } from '../../../src/server/start-server.ts';
import { connectTestDatabase, type TestDatabase } from '../../support/database.ts';

// /health does not depend on the GraphQL schema; a one-field schema keeps this test about health.
const schema = new GraphQLSchema({
  query: new GraphQLObjectType({ name: 'Query', fields: { ping: { type: GraphQLString, resolve: () => 'pong' } } }),
});

describe('GET /health', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await connectTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  const serve = (driver = db.driver): Promise<RunningServer> =>
    startServer({ schema, driver, database: db.database, host: '127.0.0.1', port: 0, corsOrigins: ['https://app.example'], logger: silentLogger });

  it('answers 200 with the database status when Neo4j is reachable', async () => {
    const server = await serve();
    try {
      const response = await fetch(`http://127.0.0.1:${server.port}/health`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({ status: 'ok', database: { status: 'up', name: db.database } });
    } finally {
      await server.stop();
    }
  });

  it('answers 503 when Neo4j is not reachable', async () => {
    const deadDriver = createDriver({ ...db.connection, uri: `bolt://127.0.0.1:${await findFreePort()}` });
    const server = await serve(deadDriver);
    try {
      const response = await fetch(`http://127.0.0.1:${server.port}/health`);
      expect(response.status).toBe(503);
      expect(await response.json()).toMatchObject({ status: 'unavailable', database: { status: 'down' } });
    } finally {
      await server.stop();
      await deadDriver.close();
    }
  });

  it('sends CORS headers only for the configured origins', async () => {
    const server = await serve();
    try {
      const ask = (origin: string) =>
        fetch(`http://127.0.0.1:${server.port}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', origin },
          body: JSON.stringify({ query: '{ ping }' }),
        });
      const allowed = await ask('https://app.example');
      expect(allowed.headers.get('access-control-allow-origin')).toBe('https://app.example');
      expect(await allowed.json()).toEqual({ data: { ping: 'pong' } });
      expect((await ask('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
    } finally {
      await server.stop();
    }
  });
});
