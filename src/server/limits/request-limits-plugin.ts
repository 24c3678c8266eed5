import type { ApolloServerPlugin } from '@apollo/server';
import { type DocumentNode, type GraphQLSchema, getOperationAST, getVariableValues } from 'graphql';
import { getComplexity } from 'graphql-query-complexity';
import type { RequestLimits } from '../../config.ts';
import { ErrorCode } from '../../errors.ts';
import { type ArgumentProblem, createCostEstimator } from './estimate-cost.ts';
import { limitError } from './limit-error.ts';

/**
 * Refuses, once the operation and its variables are known and before any resolver runs, a
 * request whose arguments are out of bounds (BAD_USER_INPUT) or whose estimated cost is over
 * the limit (QUERY_TOO_COMPLEX). Variables matter: `limit: $n` is only known here, not at validation.
 */
export function requestLimitsPlugin(limits: RequestLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const cost = estimateRequest(schema, document, request.variables ?? {}, request.operationName, limits);
          if (cost === undefined) return;
          const [problem] = cost.problems;
          if (problem) {
            throw limitError(ErrorCode.BAD_USER_INPUT, `${problem.field}: ${problem.message}`, {
              field: problem.field,
              argument: problem.argument,
              ...(problem.max === undefined ? {} : { max: problem.max }),
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
      estimators: [createCostEstimator(limits, problems)],
    });
    return { cost, problems };
  } catch {
    // What is left is graphql-query-complexity's bound on the selections it visits (fragments
    // spread many times over): too costly even to estimate.
    return { cost: Number.POSITIVE_INFINITY, problems };
  }
}
