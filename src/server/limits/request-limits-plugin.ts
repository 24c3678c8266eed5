import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, type GraphQLSchema, getOperationAST, getVariableValues } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import type { RequestLimits } from '../../config.ts';
import { ErrorCode } from '../../errors.ts';
import { type ArgumentProblem, createCostEstimator } from './estimate-cost.ts';
import { findNestedComputedLists } from './find-nested-computed-lists.ts';
import { limitError } from './limit-error.ts';

/**
 * Refuses, once the operation and its variables are known and before any resolver runs, a
 * request whose arguments are out of bounds (BAD_USER_INPUT) or whose estimated cost is over
 * the limit (QUERY_TOO_COMPLEX). Variables matter: `limit: $n` is only known here, not at validation.
 */
export function requestLimitsPlugin(limits: RequestLimits): ApolloServerPlugin {
  const estimates = new EstimateCache(limits);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const cost = estimates.get(schema, document, request.variables ?? {}, request.operationName);
          if (cost === undefined) return;
          const [problem] = cost.problems;
          if (problem) {
            throw limitError(ErrorCode.BAD_USER_INPUT, `${problem.field}: ${problem.message}`, {
              field: problem.field,
              argument: problem.argument,
              ...(problem.max !== undefined ? { min: problem.min, max: problem.max } : {}),
            });
          }
          if (cost.cost > limits.maxCost) {
            throw limitError(
              ErrorCode.QUERY_TOO_COMPLEX,
              `The query could return about ${Number.isFinite(cost.cost) ? Math.round(cost.cost) : 'too many'} objects, over the limit of ${limits.maxCost}; pass smaller limit/first values or select fewer nested lists.`,
              { limit: 'cost', max: limits.maxCost, cost: Number.isFinite(cost.cost) ? Math.round(cost.cost) : null },
            );
          }
        },
      };
    },
  };
}

export type Estimate = { cost: number; problems: ArgumentProblem[] } | undefined;

/** Variables longer than this as JSON are estimated every time: their key would cost more than it saves. */
const MAX_CACHED_VARIABLES_CHARS = 2048;
/** Variable sets remembered per document; the oldest is forgotten first. */
const MAX_ENTRIES_PER_DOCUMENT = 64;

/**
 * Remembers estimates, which walk the whole document with the schema's type information on
 * every request otherwise. An estimate depends only on the schema, the document, the operation
 * name and the variables (the limits are fixed per server; who asks does not matter), so those
 * are the key. Apollo hands the same parsed document object to every request with the same
 * query text (its document store), so entries hang off that object and go when Apollo drops it.
 */
export class EstimateCache {
  private readonly byDocument = new WeakMap<DocumentNode, { schema: GraphQLSchema; entries: Map<string, Estimate> }>();

  constructor(private readonly limits: RequestLimits) {}

  get(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>, operationName: string | null | undefined): Estimate {
    const json = JSON.stringify(variables);
    if (json.length > MAX_CACHED_VARIABLES_CHARS) return estimateRequest(schema, document, variables, operationName, this.limits);
    // The name cannot contain a NUL: it separates name and variables unambiguously.
    const key = `${operationName ?? ''}\u0000${json}`;
    let forDocument = this.byDocument.get(document);
    if (forDocument === undefined || forDocument.schema !== schema) {
      forDocument = { schema, entries: new Map() };
      this.byDocument.set(document, forDocument);
    }
    const { entries } = forDocument;
    if (entries.has(key)) return entries.get(key);
    const estimate = freeze(estimateRequest(schema, document, variables, operationName, this.limits));
    if (entries.size >= MAX_ENTRIES_PER_DOCUMENT) entries.delete(entries.keys().next().value!);
    entries.set(key, estimate);
    return estimate;
  }
}

function freeze(estimate: Estimate): Estimate {
  if (estimate === undefined) return undefined;
  for (const problem of estimate.problems) Object.freeze(problem);
  Object.freeze(estimate.problems);
  return Object.freeze(estimate);
}

/**
 * The estimated cost and the argument problems of one operation; undefined when there is no
 * such operation or its variables do not coerce (execution reports both with their own codes).
 */
export function estimateRequest(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown>,
  operationName: string | null | undefined,
  limits: RequestLimits,
): { cost: number; problems: ArgumentProblem[] } | undefined {
  const operation = getOperationAST(document, operationName);
  if (!operation) return undefined;
  if (getVariableValues(schema, operation.variableDefinitions ?? [], variables).errors) return undefined;
  const problems: ArgumentProblem[] = [];
  try {
    const cost = getComplexity({
      schema,
      query: document,
      variables,
      operationName: operationName ?? undefined,
      estimators: [createCostEstimator(limits, problems, findNestedComputedLists(schema, operation))],
    });
    return { cost, problems };
  } catch {
    // What is left is graphql-query-complexity's bound on the selections it visits (fragments
    // spread many times over): too costly even to estimate.
    return { cost: Number.POSITIVE_INFINITY, problems };
  }
}
