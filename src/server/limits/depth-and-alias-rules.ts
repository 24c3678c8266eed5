import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import type { GraphQLError, ValidationContext, ValidationRule } from 'graphql';
import type { RequestLimits } from '../../config.ts';
import { ErrorCode } from '../../errors.ts';
import { limitError } from './limit-error.ts';

/**
 * Validation rules refusing documents nested deeper or aliasing more than the limits allow.
 * graphql-armor throws from inside validation by default; reporting instead lets graphql-js
 * collect the error and lets us give it our code.
 */
export function depthAndAliasRules(limits: RequestLimits): ValidationRule[] {
  const report = (limit: 'depth' | 'aliases', max: number) => (context: ValidationContext | null, error: GraphQLError | undefined) => {
    if (context === null || error === undefined) return;
    const what = limit === 'depth' ? `nested more than ${max} levels deep` : `more than ${max} aliases`;
    context.reportError(limitError(ErrorCode.QUERY_TOO_COMPLEX, `The query has ${what}; split it into smaller queries.`, { limit, max }));
  };
  return [
    maxDepthRule({ n: limits.maxDepth, propagateOnRejection: false, onReject: [report('depth', limits.maxDepth)] }),
    maxAliasesRule({ n: limits.maxAliases, propagateOnRejection: false, onReject: [report('aliases', limits.maxAliases)] }),
  ];
}
