import { expect } from 'vitest';
import type { GraphqlResponse } from './serve-seeded-graph.ts';

/** The response's data, after checking that it carries no errors. */
export function dataOf<T>(response: GraphqlResponse<T>): T {
  expect(response.errors ?? []).toEqual([]);
  expect(response.status).toBe(200);
  return response.data as T;
}

/** The single error's code and message, after checking that there is exactly one. */
export function errorOf(response: GraphqlResponse): { code: unknown; message: string; extensions: Record<string, unknown> } {
  expect(response.errors).toHaveLength(1);
  const [error] = response.errors!;
  return { code: error!.extensions?.code, message: error!.message, extensions: error!.extensions ?? {} };
}
