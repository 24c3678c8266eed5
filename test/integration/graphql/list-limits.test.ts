import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { LIST_LIMIT_MAX } from '../../../src/server/list-limit-plugin.ts';
import { dataOf, errorOf } from './expect-graphql.ts';
import { serveSeededGraph, type SeededServer } from './serve-seeded-graph.ts';

// No silent caps: @limit(max) would shorten lists without a word; the API refuses a larger limit
// and names the lists that came back at the maximum.
let server: SeededServer;
beforeAll(async () => {
  server = await serveSeededGraph();
  // More topics than one list may hold (not seed-owned: the next file's load resets them away).
  await server.db.driver.executeQuery(
    "UNWIND range(1, $count) AS i CREATE (:Topic:Entity {id: 'extra-topic-' + i, name: 'Extra topic ' + i})",
    { count: LIST_LIMIT_MAX },
    { database: server.db.database },
  );
});
afterAll(async () => {
  await server?.close();
});

type Topics = { topics: { id: string }[] };
const extensionsOf = (response: unknown) => (response as { extensions?: Record<string, unknown> }).extensions ?? {};

describe('list limits', () => {
  test('a limit above the maximum is refused, written inline or as a variable', async () => {
    const inline = errorOf(await server.query(`{ topics(limit: ${LIST_LIMIT_MAX + 1}) { id } }`));
    expect(inline.code).toBe('BAD_USER_INPUT');
    expect(inline.extensions['max']).toBe(LIST_LIMIT_MAX);
    const variable = errorOf(await server.query('query ($n: Int) { countries { partyTo(limit: $n) { id } } }', { n: 5000 }));
    expect(variable.code).toBe('BAD_USER_INPUT');
  });

  test('a list asked for without limit that stops at the maximum says so', async () => {
    const response = await server.query<Topics>('{ topics { id } }');
    expect(dataOf(response).topics).toHaveLength(LIST_LIMIT_MAX);
    expect(extensionsOf(response)['truncatedLists']).toEqual([{ path: ['topics'], max: LIST_LIMIT_MAX }]);
  });

  test('a complete list, or one the client limited, carries no such note', async () => {
    const limited = await server.query<Topics>('{ topics(limit: 5) { id } }');
    expect(dataOf(limited).topics).toHaveLength(5);
    expect(extensionsOf(limited)['truncatedLists']).toBeUndefined();
    const complete = await server.query<{ countries: { id: string }[] }>('{ countries { id } }');
    expect(dataOf(complete).countries.length).toBeGreaterThan(0);
    expect(extensionsOf(complete)['truncatedLists']).toBeUndefined();
  });

  test('the connection query pages past the maximum', async () => {
    const page = await server.query<{ topicsConnection: { totalCount: number; pageInfo: { hasNextPage: boolean } } }>(
      `{ topicsConnection(first: ${LIST_LIMIT_MAX}) { totalCount pageInfo { hasNextPage } } }`,
    );
    const { topicsConnection } = dataOf(page);
    expect(topicsConnection.totalCount).toBeGreaterThan(LIST_LIMIT_MAX);
    expect(topicsConnection.pageInfo.hasNextPage).toBe(true);
  });
});
