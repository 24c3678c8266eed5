import { Neo4jError, type Notification } from 'neo4j-driver';
import { AppError, ErrorCode } from '../errors.ts';

/** Where in the user's own query something is, 1-based, with that line's text. */
export interface QueryPosition {
  line: number;
  column: number;
  text: string;
}

/** The position of a character offset in the query, or undefined when it lies outside it. */
export function positionInQuery(query: string, offset: number): QueryPosition | undefined {
  if (!Number.isInteger(offset) || offset < 0 || offset > query.length) return undefined;
  const before = query.slice(0, offset).split('\n');
  const line = before.length;
  return { line, column: (before.at(-1)?.length ?? 0) + 1, text: query.split('\n')[line - 1] ?? '' };
}

/** The query line and a caret under the column, as the hint under an error or warning. */
export function pointAt(position: QueryPosition): string {
  const gutter = `${position.line} | `;
  return `${gutter}${position.text}\n${' '.repeat(gutter.length - 2)}| ${' '.repeat(position.column - 1)}^`;
}

/**
 * Neo4j's errors about the query itself (syntax, unknown function, missing parameter), told in
 * terms of the query the user wrote: `prefixLength` characters that we put in front of it
 * (`EXPLAIN `) are taken off the position, and Neo4j's own echo of the query is replaced by the
 * user's line with a caret. Other errors are returned unchanged.
 */
export function describeQueryError(error: unknown, query: string, prefixLength: number): unknown {
  if (!(error instanceof Neo4jError)) return error;
  if (error.code === 'Neo.ClientError.Statement.ParameterMissing') {
    const names = /Expected parameter\(s\):\s*(.+)$/m.exec(error.message)?.[1]?.split(/,\s*/) ?? [];
    const list = names.map((name) => `$${name}`).join(', ');
    return new AppError(ErrorCode.USAGE, `The query uses ${list || 'a parameter'} but no value was given for it.`, {
      cause: error,
      details: { missing: names },
      hint: `Give each with --param, e.g. ${names.map((name) => `--param ${name}=VALUE`).join(' ') || '--param name=VALUE'} (see entente cypher --help for types).`,
    });
  }
  if (!error.code.startsWith('Neo.ClientError.Statement.') || error.code === 'Neo.ClientError.Statement.AccessMode') return error;
  const located = /^([\s\S]*?)\s*\(line \d+, column \d+ \(offset: (\d+)\)\)/.exec(error.message);
  if (!located) return error;
  const position = positionInQuery(query, Number(located[2]) - prefixLength);
  const message = (located[1] ?? error.message).trim();
  return new AppError(ErrorCode.QUERY_INVALID, position ? `${message} (line ${position.line}, column ${position.column})` : message, {
    cause: error,
    details: { neo4jCode: error.code, ...(position ? { line: position.line, column: position.column } : {}) },
    hint: position ? pointAt(position) : undefined,
  });
}

/** A notification Neo4j gave about the query (unknown label, cartesian product...), as lines for stderr. */
export function describeNotification(notification: Notification, query: string, prefixLength: number, suggestion?: string): string {
  const detail = /\(([^()]*(?:is|are):[^()]*)\)\s*$/.exec(notification.description)?.[1];
  const severity = (notification.severityLevel ?? 'WARNING').toLowerCase();
  const offset = notification.position && 'offset' in notification.position ? notification.position.offset : undefined;
  const position = offset === undefined ? undefined : positionInQuery(query, offset - prefixLength);
  const where = position ? ` (line ${position.line}, column ${position.column})` : '';
  const head = `${severity}: ${notification.title.replace(/\.$/, '')}${detail ? `: ${detail}` : ''}${where}${suggestion ? ` ${suggestion}` : ''}`;
  return position ? `${head}\n${pointAt(position).replace(/^/gm, '  ')}` : head;
}

/** The name an "unknown label / relationship type / property" notification is about. */
export function missingName(notification: Notification): string | undefined {
  return /\(the missing [a-z ]+ (?:name )?is: ([^)]+)\)\s*$/.exec(notification.description)?.[1]?.trim();
}
