import { createLogger, silentLogger } from '../../../src/logger.ts';
import { DEFAULT_SEED_DIR, readSeed } from '../../../src/seeding/read-seed.ts';
import { startServer } from '../../../src/server/start-server.ts';
import { buildGraphqlSchema } from '../../../src/server/schema/build-graphql-schema.ts';
import { loadSeed } from '../../../src/store/load-seed.ts';
import { connectTestDatabase, type TestDatabase } from '../../support/database.ts';

export interface GraphqlResponse<T = Record<string, any>> {
  status: number;
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, unknown> }[];
}

export interface SeededServer {
  url: string;
  db: TestDatabase;
  /** POSTs one operation to /graphql over real HTTP. */
  query<T = Record<string, any>>(query: string, variables?: Record<string, unknown>): Promise<GraphqlResponse<T>>;
  close(): Promise<void>;
}

/** Loads the real seed (seed/) into the test Neo4j, replacing its data, and serves it on a free port. */
export async function serveSeededGraph(): Promise<SeededServer> {
  const db = await connectTestDatabase();
  try {
    await loadSeed(db, silentLogger, await readSeed(DEFAULT_SEED_DIR), { reset: true });
    const schema = await buildGraphqlSchema(db);
    const server = await startServer({
      schema,
      driver: db.driver,
      database: db.database,
      host: '127.0.0.1',
      port: 0,
      corsOrigins: '*',
      logger: process.env.ENTENTE_TEST_LOG ? createLogger({ level: 'debug' }) : silentLogger,
    });
    return {
      url: server.url,
      db,
      query: async (query, variables) => {
        const response = await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query, variables }),
        });
        return { status: response.status, ...((await response.json()) as object) };
      },
      close: async () => {
        await server.stop();
        await db.close();
      },
    };
  } catch (error) {
    await db.close();
    throw error;
  }
}
