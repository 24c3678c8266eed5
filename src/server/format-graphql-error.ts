import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { AppError, ErrorCode } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { mapDriverError } from '../neo4j/map-driver-error.ts';

/** Codes whose messages are written for the client; anything else is masked. */
const CLIENT_CODES = new Set<string>([ErrorCode.BAD_USER_INPUT, ErrorCode.NOT_FOUND, ErrorCode.NEO4J_UNAVAILABLE]);

/**
 * AppErrors keep their code and message in `extensions.code`; GraphQL validation errors pass
 * through; anything unexpected is logged whole and reaches the client as INTERNAL_SERVER_ERROR.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown, logger: Logger): GraphQLFormattedError {
  const original = mapDriverError(unwrapResolverError(error), 'GraphQL query');
  if (original instanceof AppError) {
    if (CLIENT_CODES.has(original.code)) {
      return { ...formatted, message: original.message, extensions: { code: original.code, ...original.details } };
    }
    logger.error(`GraphQL error ${original.code}: ${original.message}`);
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  const code = formatted.extensions?.code;
  if (code === 'INTERNAL_SERVER_ERROR' || code === undefined) {
    logger.error(`GraphQL internal error: ${original instanceof Error ? (original.stack ?? original.message) : String(original)}`);
    return { message: 'Internal server error', locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
  }
  return formatted;
}
