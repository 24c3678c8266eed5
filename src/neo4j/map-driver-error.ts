import { Neo4jError } from 'neo4j-driver';
import { AppError, ErrorCode } from '../errors.ts';

/** The one place where driver failures become AppErrors; callers match codes, never messages. */
export function mapDriverError(error: unknown, context: string): unknown {
  if (error instanceof AppError || !(error instanceof Neo4jError)) return error;
  const code = error.code ?? '';
  if (code === 'ServiceUnavailable' || code === 'SessionExpired' || code.startsWith('Neo.TransientError.General.DatabaseUnavailable')) {
    return new AppError(ErrorCode.NEO4J_UNAVAILABLE, `${context}: Neo4j is not reachable (${error.message})`, {
      cause: error,
      hint: 'Check that the database is running and that NEO4J_URI points at it.',
    });
  }
  if (code === 'Neo.ClientError.Security.Unauthorized' || code === 'Neo.ClientError.Security.AuthenticationRateLimit') {
    return new AppError(ErrorCode.NEO4J_AUTH_FAILED, `${context}: Neo4j refused the credentials (${code}).`, {
      cause: error,
      hint: 'Check NEO4J_USERNAME and NEO4J_PASSWORD.',
    });
  }
  if (code === 'Neo.ClientError.Statement.AccessMode' || code === 'Neo.ClientError.Security.Forbidden') {
    return new AppError(ErrorCode.WRITE_REFUSED, `${context}: writes are not allowed here (${error.message})`, { cause: error });
  }
  if (code === 'Neo.ClientError.Transaction.TransactionTimedOut' || code === 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration') {
    return new AppError(ErrorCode.QUERY_TIMEOUT, `${context}: the query ran past its time limit.`, { cause: error });
  }
  if (code.startsWith('Neo.ClientError.Procedure.ProcedureNotFound') || /Unknown function 'apoc\./.test(error.message)) {
    return new AppError(ErrorCode.APOC_MISSING, `${context}: APOC core is not installed in this Neo4j.`, {
      cause: error,
      hint: '@neo4j/graphql needs APOC core; install the APOC plugin of the same version line as your Neo4j.',
    });
  }
  return new AppError(ErrorCode.QUERY_FAILED, `${context}: ${error.message}`, { cause: error, details: { neo4jCode: code } });
}
