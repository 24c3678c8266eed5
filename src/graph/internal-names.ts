/**
 * Labels and property names starting with `_` are the store's bookkeeping (`_Seed`, `_seedKey`,
 * `_EntenteMeta`): the API never exposes them, exports and checksums leave them out. This module
 * is the one place that says so, in TypeScript and in Cypher.
 */
const INTERNAL_PREFIX = '_';

export function isInternalName(name: string): boolean {
  return name.startsWith(INTERNAL_PREFIX);
}

/** Cypher that holds when the name `expression` evaluates to is public. */
export function isPublicNameCypher(expression: string): string {
  return `NOT ${expression} STARTS WITH '${INTERNAL_PREFIX}'`;
}

/** Cypher that holds when the node bound to `variable` carries at least one public label. */
export function hasPublicLabelCypher(variable: string): string {
  return `any(l IN labels(${variable}) WHERE ${isPublicNameCypher('l')})`;
}
