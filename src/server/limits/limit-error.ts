import { GraphQLError } from 'graphql';
import { ErrorCode } from '../../errors.ts';

/** Codes a request-limit refusal carries; kept by formatGraphqlError although Apollo re-labels validation errors. */
const LIMIT_CODES = new Set<string>([ErrorCode.QUERY_TOO_COMPLEX, ErrorCode.BAD_USER_INPUT, ErrorCode.OPERATION_NOT_TRUSTED]);

/** A client error refusing the request before it reaches Neo4j; answered with HTTP 400. */
export function limitError(code: ErrorCode, message: string, details: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...details, http: { status: 400 } } });
}

/**
 * Apollo wraps a validation rule's error as GRAPHQL_VALIDATION_FAILED, keeping ours as its
 * originalError: the code (and details) a limit reported, if this error is one.
 */
export function limitErrorExtensions(error: unknown): Record<string, unknown> | undefined {
  let current: unknown = error;
  for (let hops = 0; hops < 3 && current instanceof GraphQLError; hops += 1) {
    const code = current.extensions.code;
    if (typeof code === 'string' && LIMIT_CODES.has(code) && current.extensions.http !== undefined) {
      const { http: _http, ...extensions } = current.extensions;
      return extensions;
    }
    current = current.originalError;
  }
  return undefined;
}
