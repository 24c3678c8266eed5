import { unwrapResolverError } from '@apollo/server/errors';
import type { GraphQLFormattedError } from 'graphql';
import { AppError, ErrorCode } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { mapDriverError } from '../neo4j/map-driver-error.ts';
import { limitErrorExtensions } from './limits/limit-error.ts';

/** Codes whose messages are written for the client; anything else is masked. */
const CLIENT_CODES = new Set<string>([ErrorCode.BAD_USER_INPUT, ErrorCode.NOT_FOUND, ErrorCode.NEO4J_UNAVAILABLE, ErrorCode.QUERY_TIMEOUT, ErrorCode.SERVER_BUSY]);

/** Messages written here for codes whose AppError text carries internals (driver text, Bolt address). */
const CLIENT_MESSAGES: Partial<Record<ErrorCode, string>> = {
  [ErrorCode.NEO4J_UNAVAILABLE]: 'The database is not reachable right now; retry shortly.',
  [ErrorCode.QUERY_TIMEOUT]: 'The query ran past its time limit; ask for less (smaller limit/first, fewer nested lists or filters).',
};

/**
 * AppErrors keep their code and message in `extensions.code`; GraphQL validation errors pass
 * through; anything unexpected is logged whole and reaches the client as INTERNAL_SERVER_ERROR.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown, logger: Logger): GraphQLFormattedError {
  const limit = limitErrorExtensions(error);
  if (limit) return { ...formatted, extensions: limit };
  const original = mapDriverError(unwrapResolverError(error), 'GraphQL query');
  if (original instanceof AppError) {
    if (CLIENT_CODES.has(original.code)) {
      const message = CLIENT_MESSAGES[original.code];
      if (message !== undefined) {
        logger.warn(`GraphQL error ${original.code}: ${original.message}`);
        return { ...formatted, message, extensions: { code: original.code } };
      }
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
