import { type FieldNode, type GraphQLField, type GraphQLNamedType, getNamedType, getNullableType, isLeafType, isListType } from 'graphql';
import type { ComplexityEstimator, ComplexityEstimatorArgs } from 'graphql-query-complexity';
import type { RequestLimits } from '../../config.ts';

/** One argument outside its bounds: the field, the argument and why. */
export interface ArgumentProblem {
  field: string;
  argument: string;
  message: string;
  /** The bounds a numeric argument broke, for clients that clamp and retry. */
  min?: number;
  max?: number;
}

/** The relationship filter operators of @neo4j/graphql 7: each one makes Neo4j visit related nodes per candidate. */
const RELATIONSHIP_FILTERS = new Set(['some', 'all', 'none', 'single']);

/**
 * An estimator for graphql-query-complexity whose total is the number of objects a request may
 * return: a list field costs its size (limit or first, else `assumedListSize`) times what each
 * element selects, so sizes multiply through nesting. Leaves (properties) are free. A list in
 * `nestedComputedLists` (inside an analyst query's computed answer: find-nested-computed-lists.ts)
 * counts once. While it walks, it records arguments outside their bounds and filters nested too
 * deep into `problems`.
 */
export function createCostEstimator(
  limits: RequestLimits,
  problems: ArgumentProblem[],
  nestedComputedLists: ReadonlySet<FieldNode> = new Set(),
): ComplexityEstimator {
  return ({ type, field, node, args, childComplexity }: ComplexityEstimatorArgs) => {
    const name = `${type.name}.${field.name}`;
    checkArguments(name, field, args, limits, problems);
    const returned = getNamedType(field.type);
    if (isLeafType(returned)) return 0;
    const pageSize = typeof args.limit === 'number' ? args.limit : typeof args.first === 'number' ? args.first : undefined;
    if (isListType(getNullableType(field.type))) {
      // A connection's edges are as many as the connection's `first`, already counted there; a
      // list inside a computed answer is as long as the data, fetched whatever the selection.
      const counted = (type.name.endsWith('Connection') && field.name === 'edges') || nestedComputedLists.has(node);
      const size = counted ? 1 : (pageSize ?? limits.assumedListSize);
      return size * (1 + childComplexity);
    }
    if (isConnection(returned)) return 1 + (pageSize ?? limits.assumedListSize) * childComplexity;
    // An analyst query bounded by `limit` (neighbourhood) returns lists of that size inside one object.
    if (pageSize !== undefined) return 1 + childComplexity * Math.max(1, pageSize / limits.assumedListSize);
    return 1 + childComplexity;
  };
}

function isConnection(type: GraphQLNamedType): boolean {
  return type.name.endsWith('Connection');
}

function checkArguments(name: string, field: GraphQLField<unknown, unknown>, args: Record<string, unknown>, limits: RequestLimits, problems: ArgumentProblem[]): void {
  const bound = (argument: string, min: number, max: number) => {
    const value = args[argument];
    if (typeof value === 'number' && (value < min || value > max)) {
      problems.push({ field: name, argument, min, max, message: `${argument} must be from ${min} to ${max}; got ${value}.` });
    }
  };
  bound('limit', 0, limits.maxPageSize);
  bound('first', 0, limits.maxPageSize);
  bound('offset', 0, limits.maxOffset);
  if (field.name === 'search' && typeof args.text === 'string') {
    const text = args.text;
    const words = text.split(/\s+/).filter((word) => word !== '').length;
    if (text.length > limits.maxSearchChars) {
      problems.push({ field: name, argument: 'text', message: `search text must be at most ${limits.maxSearchChars} characters; got ${text.length}.` });
    } else if (words > limits.maxSearchWords) {
      problems.push({ field: name, argument: 'text', message: `search text must be at most ${limits.maxSearchWords} words; got ${words}.` });
    }
  }
  if (args.where !== undefined && args.where !== null) {
    const depth = relationshipFilterDepth(args.where, limits.maxFilterDepth + 1);
    if (depth > limits.maxFilterDepth) {
      problems.push({
        field: name,
        argument: 'where',
        message: `where nests relationship filters (some, all, none, single) more than ${limits.maxFilterDepth} levels deep.`,
      });
    }
  }
}

/** How deep relationship filters nest in a `where` value, counting no further than `stopAt`. */
export function relationshipFilterDepth(value: unknown, stopAt: number): number {
  if (stopAt <= 0 || value === null || typeof value !== 'object') return 0;
  let deepest = 0;
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    const items = Array.isArray(inner) ? inner : [inner];
    for (const item of items) {
      const depth = RELATIONSHIP_FILTERS.has(key) ? 1 + relationshipFilterDepth(item, stopAt - 1) : relationshipFilterDepth(item, stopAt);
      deepest = Math.max(deepest, depth);
      if (deepest >= stopAt) return deepest;
    }
  }
  return deepest;
}
