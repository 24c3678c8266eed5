/**
 * The context for an operation an analyst resolver runs through @neo4j/graphql on the caller's
 * behalf: a fresh object (the library keeps per-operation state in the context it is given) that
 * keeps the request's database access, so the inner queries stay read-only, time-limited and
 * cancellable like the request's own.
 */
export function subOperationContext(context: unknown): Record<string, unknown> {
  const { sessionConfig, executionContext, transaction } = (context ?? {}) as Record<string, unknown>;
  return { sessionConfig, executionContext, transaction };
}
