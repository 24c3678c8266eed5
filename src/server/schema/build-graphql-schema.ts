import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { type GraphQLSchema, defaultFieldResolver, lexicographicSortSchema, printSchema } from 'graphql';
import { projectRoot } from '../../config.ts';
import type { DatabaseHandle } from '../../neo4j/database-handle.ts';
import { createAnalystResolvers } from './analyst-resolvers.ts';
import { DateScalar } from './date-scalar.ts';

/** The API's type definitions: the single source of the generated schema and the frontend's SDL. */
export const SCHEMA_FILE = path.join(projectRoot, 'schema.graphql');

export async function readTypeDefs(): Promise<string> {
  return readFile(SCHEMA_FILE, 'utf8');
}

/**
 * The executable, read-only GraphQL schema: @neo4j/graphql's generated queries for every node type
 * (no mutations) plus the analyst queries, all reading `database`.
 */
export async function buildGraphqlSchema(db: DatabaseHandle): Promise<GraphQLSchema> {
  const neoSchema = new Neo4jGraphQL({
    typeDefs: await readTypeDefs(),
    driver: db.driver,
    resolvers: { ...createAnalystResolvers(db), Date: DateScalar },
  });
  const schema = await neoSchema.getSchema();
  useDatabaseByDefault(schema, db.database);
  return schema;
}

/** The full generated schema as SDL, types sorted; needs no database (resolvers are never run). */
export async function printGeneratedSdl(): Promise<string> {
  const schema = await new Neo4jGraphQL({ typeDefs: await readTypeDefs(), resolvers: { Date: DateScalar } }).getSchema();
  return printSchema(lexicographicSortSchema(schema));
}

/**
 * The generated resolvers read the database from `context.sessionConfig`; set it when the
 * server's context leaves it out, so that no caller silently queries the default database.
 */
function useDatabaseByDefault(schema: GraphQLSchema, database: string): void {
  const fields = schema.getQueryType()?.getFields() ?? {};
  for (const field of Object.values(fields)) {
    const resolve = field.resolve ?? defaultFieldResolver;
    field.resolve = (root, args, context: { sessionConfig?: { database?: string } } | undefined, info) => {
      if (context && context.sessionConfig?.database === undefined) {
        context.sessionConfig = { ...context.sessionConfig, database };
      }
      return resolve(root, args, context, info);
    };
  }
}
