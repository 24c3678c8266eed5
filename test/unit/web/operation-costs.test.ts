import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { type GraphQLSchema, type OperationDefinitionNode, parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_LIMITS, projectRoot } from '../../../src/config.ts';
import { estimateRequest } from '../../../src/server/limits/request-limits-plugin.ts';
import { readTypeDefs } from '../../../src/server/schema/build-graphql-schema.ts';
import { DateScalar } from '../../../src/server/schema/date-scalar.ts';

// Every request the explorer sends must pass the server's cost limit with the default settings:
// a view whose operation grew past it would fail for every analyst, not in a test of the API.
const OPERATIONS = path.join(projectRoot, 'web', 'src', 'api', 'operations');
const VARIABLES: Record<string, Record<string, unknown>> = {
  Search: { text: 'Europol', limit: 40 },
  Entity: { id: 'etias' },
  InstrumentHistory: { id: 'etias' },
  InstrumentStatus: { id: 'etias', on: '2018-06-11' },
  Passages: { ids: ['val-duchesse-ii-2018#p23'] },
  DocumentReader: { id: 'val-duchesse-ii-2018' },
  Neighbourhood: { id: 'etias', depth: 1, limit: 100 },
  Path: { from: 'jan-jambon', to: 'europol', maxLength: 8, excludeTypes: ['Country'], excludeIds: ['val-duchesse-ii-meeting'] },
};

let schema: GraphQLSchema;
let operations: { name: string; source: string }[];
beforeAll(async () => {
  schema = await new Neo4jGraphQL({ typeDefs: await readTypeDefs(), resolvers: { Date: DateScalar } }).getSchema();
  operations = [];
  for (const file of (await readdir(OPERATIONS)).filter((f) => f.endsWith('.graphql'))) {
    const source = await readFile(path.join(OPERATIONS, file), 'utf8');
    for (const definition of parse(source).definitions) {
      if (definition.kind === 'OperationDefinition') operations.push({ name: (definition as OperationDefinitionNode).name!.value, source });
    }
  }
}, 60_000);

describe("the explorer's operations", () => {
  it('each cost less than the default limit per request', () => {
    const costs = Object.fromEntries(
      operations.map(({ name, source }) => [name, estimateRequest(schema, parse(source), VARIABLES[name] ?? {}, name, DEFAULT_REQUEST_LIMITS)?.cost]),
    );
    expect(Object.keys(costs)).toEqual(expect.arrayContaining(['Commitments', 'InstrumentHistory', 'InstrumentStatus', 'Timeline', 'Path', 'Meetings']));
    for (const [name, cost] of Object.entries(costs)) {
      expect(cost, name).toBeTypeOf('number');
      expect(cost, name).toBeLessThanOrEqual(DEFAULT_REQUEST_LIMITS.maxCost);
    }
    // Printed for docs/explorer.md ("Measured").
    process.stdout.write(`explorer operation costs (limit ${DEFAULT_REQUEST_LIMITS.maxCost}): ${JSON.stringify(costs)}\n`);
  });
});
