import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { type GraphQLSchema, parse, validate } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_LIMITS, projectRoot } from '../../../src/config.ts';
import { depthAndAliasRules } from '../../../src/server/limits/depth-and-alias-rules.ts';
import { relationshipFilterDepth } from '../../../src/server/limits/estimate-cost.ts';
import { limitErrorExtensions } from '../../../src/server/limits/limit-error.ts';
import { EstimateCache, estimateRequest } from '../../../src/server/limits/request-limits-plugin.ts';
import { readTypeDefs } from '../../../src/server/schema/build-graphql-schema.ts';
import { DateScalar } from '../../../src/server/schema/date-scalar.ts';
import { FANOUT_QUERY, aliasesQuery, deepSelectionQuery, nestedFilterQuery } from '../../integration/server/attacks.ts';

const limits = DEFAULT_REQUEST_LIMITS;
let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await new Neo4jGraphQL({ typeDefs: await readTypeDefs(), resolvers: { Date: DateScalar } }).getSchema();
}, 60_000);

const estimate = (query: string, variables: Record<string, unknown> = {}) => estimateRequest(schema, parse(query), variables, undefined, limits)!;
const limitCodes = (query: string) => validate(schema, parse(query), depthAndAliasRules(limits)).map((error) => limitErrorExtensions(error));

/** The ```graphql blocks of the analyst tour (docs/analyst-tour.md). */
async function tourQueries(): Promise<string[]> {
  const markdown = await readFile(path.join(projectRoot, 'docs', 'analyst-tour.md'), 'utf8');
  return [...markdown.matchAll(/```graphql\n([\s\S]*?)```/g)].map((match) => match[1]!);
}

describe('the cost estimate', () => {
  it('lets every query of the analyst tour through, well under the limit', async () => {
    const queries = await tourQueries();
    expect(queries.length).toBeGreaterThanOrEqual(12);
    const costs = queries.map((query) => estimate(query));
    for (const cost of costs) {
      expect(cost.problems).toEqual([]);
      expect(cost.cost).toBeLessThanOrEqual(limits.maxCost);
    }
    expect(queries.flatMap((query) => limitCodes(query))).toEqual([]);
  });

  it('multiplies list sizes through nesting: limit, first, else the assumed size', () => {
    expect(estimate('{ countries(limit: 5) { name } }').cost).toBe(5);
    expect(estimate('{ countries(limit: 5) { name partyTo(limit: 3) { name } } }').cost).toBe(5 * (1 + 3));
    expect(estimate('{ countries { name } }').cost).toBe(limits.assumedListSize);
    expect(estimate('query ($n: Int) { countries(limit: $n) { name } }', { n: 7 }).cost).toBe(7);
    expect(estimate('{ commitmentsConnection(first: 3) { totalCount edges { node { id } } } }').cost).toBe(1 + 3 * (1 + 1));
  });

  it('puts the countries/partyTo/parties fan-out far over the limit', () => {
    expect(estimate(FANOUT_QUERY).cost).toBeGreaterThan(limits.maxCost * 10);
    expect(estimate('{ countries { partyTo { parties { partyTo { name } } } } }').cost).toBeGreaterThan(limits.maxCost);
  });

  it('counts a list nested inside an analyst answer once: its data is fetched whole, whatever the selection', () => {
    // Issue 11's "which asks became law, when, how long after, with sources", in one request.
    const followThrough = `{ followThrough(asOf: "2026-12-01") {
      commitment { id } outcome daysToAdoption
      instruments { instrument { id } adopted successors { id } stepsAfterStatement { id date sources { url quote } } }
    } }`;
    const size = limits.assumedListSize;
    // followThrough (size) x (1 + commitment 1 + instruments (1 + instrument 1 + successors 1 + steps (1 + sources 1)))
    expect(estimate(followThrough).cost).toBe(size * (1 + 1 + (1 + 1 + 1 + (1 + 1))));
    expect(estimate(followThrough).cost).toBeLessThan(limits.maxCost / 10);
    // The first list inside a single analyst answer still scales: neighbourhood's nodes are as many as its limit.
    expect(estimate('{ neighbourhood(id: "x", limit: 10) { nodes { id } } }').cost).toBe(1 + size);
  });

  it('keeps multiplying generated relationship lists, also below an analyst answer', () => {
    const below = '{ search(text: "x") { hits { node { ... on Country { partyTo { parties { partyTo { name } } } } } } } }';
    expect(estimate(below).cost).toBeGreaterThan(limits.maxCost);
    // A fragment spread is not followed: the lists inside it keep the multiplying estimate.
    const size = limits.assumedListSize;
    const viaFragment = `{ followThrough { instruments { ...Steps } } }
      fragment Steps on InstrumentFollowThrough { stepsAfterStatement { sources { quote } } }`;
    expect(estimate(viaFragment).cost).toBe(size * (1 + (1 + size * (1 + size))));
  });

  it('scales an analyst query bounded by limit by that limit', () => {
    const small = estimate('{ neighbourhood(id: "x", limit: 10) { nodes { id } } }').cost;
    const large = estimate('{ neighbourhood(id: "x", limit: 500) { nodes { id } } }').cost;
    expect(large).toBeGreaterThan(small * 10);
  });
});

describe('argument bounds', () => {
  it.each([
    ['{ countries(limit: -1) { name } }', 'limit'],
    ['{ countries(limit: 1001) { name } }', 'limit'],
    ['{ commitmentsConnection(first: -5) { totalCount } }', 'first'],
    ['{ countries(offset: -1) { name } }', 'offset'],
    [nestedFilterQuery(9), 'where'],
    [nestedFilterQuery(limits.maxFilterDepth + 1), 'where'],
  ])('%s is out of bounds in %s', (query, argument) => {
    expect(estimate(query).problems.map((problem) => problem.argument)).toEqual([argument]);
  });

  it('lets a filter at the depth limit through', () => {
    expect(estimate(nestedFilterQuery(limits.maxFilterDepth)).problems).toEqual([]);
  });

  it('bounds search text by characters and words, also from variables', () => {
    const query = 'query ($t: String!) { search(text: $t) { id } }';
    expect(estimate(query, { t: 'x'.repeat(limits.maxSearchChars + 1) }).problems[0]?.argument).toBe('text');
    expect(estimate(query, { t: 'w '.repeat(limits.maxSearchWords + 1) }).problems[0]?.argument).toBe('text');
    expect(estimate(query, { t: 'Europol PNR' }).problems).toEqual([]);
  });

  it('leaves variables that do not coerce to execution, which names them', () => {
    expect(estimateRequest(schema, parse('query ($n: Int) { countries(limit: $n) { name } }'), { n: 'many' }, undefined, limits)).toBeUndefined();
  });

  it('counts relationship filter depth through AND/OR lists and stops counting past the bound', () => {
    expect(relationshipFilterDepth({ name: { eq: 'x' } }, 10)).toBe(0);
    expect(relationshipFilterDepth({ OR: [{ a: { some: {} } }, { b: { all: { c: { none: {} } } } }] }, 10)).toBe(2);
    expect(relationshipFilterDepth({ a: { some: { b: { some: { c: { some: {} } } } } } }, 2)).toBe(2);
  });
});

describe('depth and alias rules', () => {
  it('refuse a deep selection and many aliases as QUERY_TOO_COMPLEX', () => {
    expect(limitCodes(deepSelectionQuery(100))).toEqual([{ code: 'QUERY_TOO_COMPLEX', limit: 'depth', max: limits.maxDepth }]);
    expect(limitCodes(aliasesQuery(limits.maxAliases + 1))).toEqual([{ code: 'QUERY_TOO_COMPLEX', limit: 'aliases', max: limits.maxAliases }]);
    expect(limitCodes(aliasesQuery(limits.maxAliases))).toEqual([]);
  });
});

describe('the estimate cache', () => {
  const QUERY = 'query Q($n: Int) { commitments(limit: $n) { id parties { id } } } query R { countries(limit: 2000) { id } }';

  it('gives every request the estimate of its own variables and operation, as estimateRequest does', () => {
    const cache = new EstimateCache(limits);
    const document = parse(QUERY);
    const cases: [Record<string, unknown>, string][] = [
      [{ n: 5 }, 'Q'],
      [{ n: 900 }, 'Q'],
      [{ n: -1 }, 'Q'],
      [{ n: 'five' }, 'Q'],
      [{}, 'Q'],
      [{ n: 5 }, 'R'],
      [{ n: 5 }, 'Nope'],
    ];
    for (let pass = 0; pass < 2; pass += 1) {
      for (const [variables, operation] of cases) {
        expect(cache.get(schema, document, variables, operation)).toEqual(estimateRequest(schema, document, variables, operation, limits));
      }
    }
    expect(cache.get(schema, document, { n: 900 }, 'Q')!.cost).toBeGreaterThan(cache.get(schema, document, { n: 5 }, 'Q')!.cost);
    expect(cache.get(schema, document, { n: 5 }, 'R')!.problems).not.toEqual([]);
  });

  it('estimates again for another schema, and hands out estimates nobody can change', async () => {
    const cache = new EstimateCache(limits);
    const document = parse(QUERY);
    const estimate = cache.get(schema, document, { n: -1 }, 'Q')!;
    expect(Object.isFrozen(estimate) && Object.isFrozen(estimate.problems) && Object.isFrozen(estimate.problems[0])).toBe(true);
    const other = await new Neo4jGraphQL({ typeDefs: 'type Commitment @node { id: ID! parties: [Commitment!]! @relationship(type: "X", direction: OUT) }' }).getSchema();
    // Keyed by document, the entry still belongs to the first schema: the second gets its own estimate.
    expect(cache.get(other, document, { n: 5 }, 'Q')).toEqual(estimateRequest(other, document, { n: 5 }, 'Q', limits));
  });
});
