import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { type GraphQLSchema, defaultFieldResolver, getNamedType, isObjectType, lexicographicSortSchema, printSchema } from 'graphql';
import { projectRoot } from '../../config.ts';
import type { DatabaseHandle } from '../../neo4j/database-handle.ts';
import { createAnalystResolvers } from './analyst-resolvers.ts';
import { DateScalar } from './date-scalar.ts';
import { installTranslationCache } from './translation-cache.ts';

/** The API's type definitions: the single source of the generated schema and the frontend's SDL. */
export const SCHEMA_FILE = path.join(projectRoot, 'schema.graphql');

/**
 * Without these the generated schema carries 1,000+ `@deprecated` legacy filters (`id_EQ`,
 * `...Connection_SOME`) that introspection hides: the SDL file and introspection would disagree
 * and generated client code would double.
 */
export const SCHEMA_FEATURES = {
  excludeDeprecatedFields: {
    mutationOperations: true,
    aggregationFilters: true,
    aggregationFiltersOutsideConnection: true,
    relationshipFilters: true,
    attributeFilters: true,
  },
};

export async function readTypeDefs(): Promise<string> {
  return readFile(SCHEMA_FILE, 'utf8');
}

/**
 * The executable, read-only GraphQL schema: @neo4j/graphql's generated queries for every node type
 * (no mutations) plus the analyst queries, all reading `database`.
 */
export async function buildGraphqlSchema(db: DatabaseHandle): Promise<GraphQLSchema> {
  installTranslationCache();
  const neoSchema = new Neo4jGraphQL({
    typeDefs: await readTypeDefs(),
    driver: db.driver,
    features: SCHEMA_FEATURES,
    resolvers: { ...createAnalystResolvers(db), Date: DateScalar },
  });
  const schema = await neoSchema.getSchema();
  describeGeneratedQueries(schema);
  useDatabaseByDefault(schema, db.database);
  return schema;
}

/** The full generated schema as SDL, types sorted; needs no database (resolvers are never run). */
export async function printGeneratedSdl(): Promise<string> {
  const schema = await new Neo4jGraphQL({ typeDefs: await readTypeDefs(), features: SCHEMA_FEATURES, resolvers: { Date: DateScalar } }).getSchema();
  describeGeneratedQueries(schema);
  return printSchema(lexicographicSortSchema(schema));
}

/**
 * @neo4j/graphql generates the list and connection queries without descriptions; a frontend
 * developer reading the schema (or a generated client) should not have to guess what they do.
 */
function describeGeneratedQueries(schema: GraphQLSchema): void {
  for (const field of Object.values(schema.getQueryType()?.getFields() ?? {})) {
    if (field.description) continue;
    const type = getNamedType(field.type);
    const edges = isObjectType(type) ? type.getFields()['edges'] : undefined;
    if (edges) {
      const edge = getNamedType(edges.type);
      const nodeType = isObjectType(edge) ? getNamedType(edge.getFields()['node']!.type).name : type.name;
      field.description = `${nodeType} nodes matching where, as a connection: ordered by sort, paged with first and after (a cursor from pageInfo.endCursor); totalCount counts them all.`;
    } else {
      field.description = `${type.name} nodes matching where, ordered by sort, paged with limit and offset (at most 1000 a page).`;
    }
  }
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
