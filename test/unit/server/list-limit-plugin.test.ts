import { readFileSync } from 'node:fs';
import { Kind, parse, type FragmentDefinitionNode, type OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { findTruncatedLists, LIST_LIMIT_MAX } from '../../../src/server/list-limit-plugin.ts';
import { SCHEMA_FILE } from '../../../src/server/schema/build-graphql-schema.ts';

function truncated(query: string, data: Record<string, unknown>) {
  const document = parse(query);
  const operation = document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = new Map(
    document.definitions.filter((d): d is FragmentDefinitionNode => d.kind === Kind.FRAGMENT_DEFINITION).map((d) => [d.name.value, d]),
  );
  return findTruncatedLists(operation.selectionSet, data, fragments);
}

const full = (make: (index: number) => unknown = (index) => ({ id: `n${index}` })) => Array.from({ length: LIST_LIMIT_MAX }, (_, index) => make(index));

describe('findTruncatedLists', () => {
  it('names a list asked for without limit that came back at the maximum', () => {
    expect(truncated('{ commitments { id } }', { commitments: full() })).toEqual([{ path: ['commitments'], max: LIST_LIMIT_MAX }]);
  });

  it('leaves out shorter lists and lists the client limited itself', () => {
    expect(truncated('{ commitments { id } }', { commitments: full().slice(1) })).toEqual([]);
    expect(truncated('{ commitments(limit: 1000) { id } }', { commitments: full() })).toEqual([]);
  });

  it('follows aliases, nested lists and fragments to the path the client sees', () => {
    const data = { all: [{ id: 'c1', who: full() }] };
    const query = '{ all: commitments(limit: 1) { ...F } } fragment F on Commitment { id ... on Commitment { who: parties { id } } }';
    expect(truncated(query, data)).toEqual([{ path: ['all', 0, 'who'], max: LIST_LIMIT_MAX }]);
  });
});

describe('LIST_LIMIT_MAX', () => {
  it('is the max of every @limit directive in schema.graphql', () => {
    const maxima = [...readFileSync(SCHEMA_FILE, 'utf8').matchAll(/@limit\(max:\s*(\d+)\)/gu)].map((match) => Number(match[1]));
    expect(maxima.length).toBeGreaterThan(0);
    expect(new Set(maxima)).toEqual(new Set([LIST_LIMIT_MAX]));
  });
});
