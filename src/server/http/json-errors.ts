import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ErrorCode } from '../../errors.ts';
import type { Logger } from '../../logger.ts';

/** A GraphQL-shaped JSON error body: clients parse one shape whatever the layer that refused. */
export function errorBody(message: string, code: string, details: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...details } }] };
}

/** What body-parser's error types mean to a client; never its message, which names files and stack frames. */
const BODY_ERRORS: Record<string, { status: number; message: string }> = {
  'entity.parse.failed': { status: 400, message: 'The request body is not valid JSON.' },
  'entity.too.large': { status: 413, message: 'The request body is too large.' },
  'encoding.unsupported': { status: 415, message: 'The request body has an unsupported content-encoding; send identity, gzip, deflate or br.' },
  'charset.unsupported': { status: 415, message: 'The request body has an unsupported charset; send UTF-8.' },
  'request.aborted': { status: 400, message: 'The request body was cut off.' },
  'request.size.invalid': { status: 400, message: 'The request body is shorter or longer than its content-length.' },
};

/**
 * The last error handler: JSON for every failure (never Express's HTML page with a stack and
 * paths); unexpected errors are logged whole and answered with a generic 500.
 */
export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, _request, response, next) => {
    if (response.headersSent) return next(error);
    const type = typeof error?.type === 'string' ? (error.type as string) : undefined;
    const known = type === undefined ? undefined : BODY_ERRORS[type];
    if (known) {
      response.status(known.status).json(errorBody(known.message, ErrorCode.BAD_REQUEST, { reason: type }));
      return;
    }
    logger.error(`HTTP request failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    response.status(500).json(errorBody('Internal server error', 'INTERNAL_SERVER_ERROR'));
  };
}

/** JSON 404 for any path the server does not serve (Express's own echoes the path in HTML). */
export const jsonNotFound: RequestHandler = (_request, response) => {
  response.status(404).json(errorBody('Not found.', ErrorCode.NOT_FOUND));
};
