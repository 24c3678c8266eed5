/** Stable error codes: clients and tests match on these, never on messages. */
export enum ErrorCode {
  CONFIG_INVALID = 'CONFIG_INVALID',
  JAVA_NOT_FOUND = 'JAVA_NOT_FOUND',
  JAVA_VERSION_UNSUPPORTED = 'JAVA_VERSION_UNSUPPORTED',
  MAVEN_NOT_FOUND = 'MAVEN_NOT_FOUND',
  MAVEN_RESOLVE_FAILED = 'MAVEN_RESOLVE_FAILED',
  PORT_IN_USE = 'PORT_IN_USE',
  DATA_DIR_NOT_WRITABLE = 'DATA_DIR_NOT_WRITABLE',
  DATA_DIR_LOCKED = 'DATA_DIR_LOCKED',
  NEO4J_START_FAILED = 'NEO4J_START_FAILED',
  NEO4J_UNAVAILABLE = 'NEO4J_UNAVAILABLE',
  NEO4J_AUTH_FAILED = 'NEO4J_AUTH_FAILED',
  APOC_MISSING = 'APOC_MISSING',
  DOCUMENT_INVALID = 'DOCUMENT_INVALID',
  SEED_INVALID = 'SEED_INVALID',
  QUOTE_NOT_FOUND = 'QUOTE_NOT_FOUND',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  WRITE_REFUSED = 'WRITE_REFUSED',
  DATABASE_NOT_EMPTY = 'DATABASE_NOT_EMPTY',
  IMPORT_INVALID = 'IMPORT_INVALID',
  IMPORT_TOO_LARGE = 'IMPORT_TOO_LARGE',
  EXPORT_FAILED = 'EXPORT_FAILED',
  QUERY_TIMEOUT = 'QUERY_TIMEOUT',
  /** Every transaction the server allows was busy for longer than the queue wait limit. */
  SERVER_BUSY = 'SERVER_BUSY',
  /** A request over one of the configured limits (depth, aliases, cost, filter depth). */
  QUERY_TOO_COMPLEX = 'QUERY_TOO_COMPLEX',
  /** Bearer token missing or not valid. */
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  /** An operation outside the trusted-documents allow-list. */
  OPERATION_NOT_TRUSTED = 'OPERATION_NOT_TRUSTED',
  QUERY_FAILED = 'QUERY_FAILED',
  /** The query itself is wrong (syntax, unknown function): the user's input, like USAGE. */
  QUERY_INVALID = 'QUERY_INVALID',
  /** An HTTP request the server cannot read: malformed JSON, too large, an unsupported encoding. */
  BAD_REQUEST = 'BAD_REQUEST',
  USAGE = 'USAGE',
  INTERRUPTED = 'INTERRUPTED',
}

export interface AppErrorOptions {
  /** Structured facts for logs and GraphQL `extensions` (file, record, field...). */
  details?: Record<string, unknown>;
  cause?: unknown;
  /** What the user can do about it; printed after the message by the CLI. */
  hint?: string;
}

/** An expected failure with a stable code; anything else reaching the edge is a bug. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: Record<string, unknown>;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, options: AppErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'AppError';
    this.code = code;
    this.details = options.details ?? {};
    this.hint = options.hint;
  }
}

export function isAppError(error: unknown, code?: ErrorCode): error is AppError {
  return error instanceof AppError && (code === undefined || error.code === code);
}
