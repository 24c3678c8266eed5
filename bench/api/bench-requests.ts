/**
 * The five requests the API benchmark times, each in two forms that give the same answer: the
 * GraphQL request a frontend sends, and the hand-written Cypher (or the analyst query function
 * the resolver calls, which is hand-written Cypher) that the bare endpoint and the driver run.
 */
import { Kind, parse, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import neo4j from 'neo4j-driver';
import { findEntity } from '../../src/server/graph-queries/find-entity.ts';
import { findNeighbourhood } from '../../src/server/graph-queries/find-neighbourhood.ts';
import { findPaths } from '../../src/server/graph-queries/find-path.ts';
import type { DatabaseHandle } from '../../src/neo4j/database-handle.ts';
import { searchGraph } from '../../src/server/graph-queries/search-graph.ts';

export type Variables = Record<string, unknown>;

export interface BenchRequest {
  name: string;
  /** The GraphQL document; its single top-level field holds the answer. */
  query: string;
  field: string;
  /** The same answer without GraphQL: what the bare endpoint serves and the driver-only run returns. */
  direct(source: DatabaseHandle, variables: Variables): Promise<unknown>;
}

export const NESTED_LIST_LIMIT = 100;

const NODE = 'id type name';
const EDGE = 'source target type provenance { documentId passageId quote referenceId }';

const REQUESTS: readonly BenchRequest[] = [
  {
    name: 'nested list',
    field: 'commitments',
    query: `query Nested($limit: Int!) {
      commitments(limit: $limit, sort: [{ id: ASC }]) {
        id modality parties { id name } concerns { ... on Instrument { id name } } mentionedIn { id }
      }
    }`,
    direct: async (source, variables) => {
      const { records } = await source.driver.executeQuery(
        `MATCH (c:Commitment) WITH c ORDER BY c.id LIMIT $limit
         RETURN c { .id, .modality,
           parties: [(p:Country)-[:PARTY_TO]->(c) | p { .id, .name }],
           concerns: [(c)-[:CONCERNS]->(i:Instrument) | i { .id, .name }],
           mentionedIn: [(c)-[:MENTIONED_IN]->(m:Passage) | m { .id }] } AS c`,
        { limit: neo4j.int(variables['limit'] as number) },
        { database: source.database, routing: neo4j.routing.READ },
      );
      return records.map((record) => record.get('c'));
    },
  },
  {
    name: 'entity',
    field: 'entity',
    query: `query Entity($id: ID!) {
      entity(id: $id) {
        id type name aliases description properties { key value }
        mentions { quote passage { id section order text } document { id title } }
        externalReferences { id title url fields }
        links { type direction other { ${NODE} } provenance { documentId passageId quote referenceId } properties { key value } }
      }
    }`,
    direct: (source, variables) => findEntity(source, variables['id'] as string),
  },
  {
    name: 'search',
    field: 'search',
    query: `query Search($text: String!) { search(text: $text, limit: 20) { hits { id type name score } total } }`,
    direct: (source, variables) => searchGraph(source, variables['text'] as string, { limit: 20 }),
  },
  {
    name: 'neighbourhood d2',
    field: 'neighbourhood',
    query: `query Neighbourhood($id: ID!) { neighbourhood(id: $id, depth: 2, limit: 100) { nodes { ${NODE} } edges { ${EDGE} } truncated } }`,
    direct: (source, variables) => findNeighbourhood(source, variables['id'] as string, { depth: 2, limit: 100 }),
  },
  {
    name: 'path',
    field: 'path',
    query: `query Path($from: ID!, $to: ID!) { path(from: $from, to: $to) { nodes { ${NODE} } edges { ${EDGE} } } }`,
    // k: 1 as the `path` resolver asks: the default 3 searches three path lengths (1.5 s at 1000x against 87 ms).
    direct: async (source, variables) => (await findPaths(source, variables['from'] as string, variables['to'] as string, { k: 1 }))[0] ?? null,
  },
];

/**
 * Every request with its direct answer cut to the GraphQL selection: the analyst query functions
 * return more than a client selects (offsets, provenance of properties), and a bare endpoint
 * serves what the client asked for, as GraphQL does.
 */
export const BENCH_REQUESTS: readonly BenchRequest[] = REQUESTS.map((request) => {
  const selection = selectionOf(request.query, request.field);
  return { ...request, direct: async (source, variables) => project(await request.direct(source, variables), selection) };
});

function selectionOf(query: string, field: string): SelectionSetNode | undefined {
  const operation = parse(query).definitions[0] as OperationDefinitionNode;
  const node = operation.selectionSet.selections.find((selection) => selection.kind === Kind.FIELD && selection.name.value === field);
  return node?.kind === Kind.FIELD ? node.selectionSet : undefined;
}

/** `value` with only the fields `selection` names, through lists and nested objects (no fragments but inline ones). */
export function project(value: unknown, selection: SelectionSetNode | undefined): unknown {
  if (selection === undefined || value === null || value === undefined || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((item) => project(item, selection));
  const out: Record<string, unknown> = {};
  for (const node of selection.selections) {
    if (node.kind === Kind.INLINE_FRAGMENT) Object.assign(out, project(value, node.selectionSet));
    else if (node.kind === Kind.FIELD) out[node.alias?.value ?? node.name.value] = project((value as Record<string, unknown>)[node.name.value], node.selectionSet);
  }
  return out;
}

export function findBenchRequest(name: string): BenchRequest {
  const request = BENCH_REQUESTS.find((candidate) => candidate.name === name);
  if (request === undefined) throw new Error(`no bench request named ${name}`);
  return request;
}
