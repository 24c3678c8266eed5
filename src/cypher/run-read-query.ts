import type { Notification, Transaction } from 'neo4j-driver';
import { AppError, ErrorCode } from '../errors.ts';
import { withSession, type DatabaseHandle } from '../neo4j/database-handle.ts';
import { mapDriverError } from '../neo4j/map-driver-error.ts';
import { assertNotAdministration } from './assert-not-administration.ts';
import type { ParamValue } from './params.ts';
import type { ResultWriter } from './format-results.ts';
import { describeNotification, describeQueryError, missingName } from './query-problems.ts';
import { didYouMean } from '../did-you-mean.ts';
import { isInternalName } from '../graph/internal-names.ts';

/** Put before the user's query to see its plan; error positions are moved back by its length. */
const EXPLAIN_PREFIX = 'EXPLAIN ';

export interface ReadQueryOptions extends DatabaseHandle {
  query: string;
  params?: Map<string, ParamValue>;
  /** Transaction timeout; Neo4j stops the query past it. */
  timeoutMs: number;
  writer: ResultWriter;
  /** For tests: skip the plan check, to prove the server refuses writes on its own too. */
  skipPlanCheck?: boolean;
  /**
   * Told each of Neo4j's notifications about the query (an unknown label, a cartesian product),
   * described against the user's query, before any row: a typo otherwise just returns no rows.
   */
  onNotification?: (text: string, notification: Notification) => void;
}

export interface ReadQueryStats {
  rows: number;
  ms: number;
}

/**
 * Runs a researcher's query in a READ transaction with a timeout, streaming rows to the writer.
 * Two guards keep it read-only: the query's plan is checked first (`EXPLAIN` reports whether it
 * writes), and Neo4j itself rejects any write in a read transaction
 * (Neo.ClientError.Statement.AccessMode); both become WRITE_REFUSED, and nothing is written.
 * An explicit transaction, not a managed one: a retry would repeat rows already printed.
 */
export async function runReadQuery(options: ReadQueryOptions): Promise<ReadQueryStats> {
  const started = Date.now();
  assertNotAdministration(options.query);
  return withSession(options, 'READ', async (session) => {
    let tx: Transaction | undefined;
    // Until the query itself runs, Neo4j's positions count our EXPLAIN prefix too.
    let prefixLength = 0;
    try {
      tx = session.beginTransaction({ timeout: options.timeoutMs });
      const params = await resolveParams(tx, options.params ?? new Map());
      const explained = isPlanRequest(options.query);
      if (!options.skipPlanCheck && !explained) {
        prefixLength = EXPLAIN_PREFIX.length;
        const plan = await tx.run(`${EXPLAIN_PREFIX}${options.query}`, params);
        assertReadOnly(plan.summary.queryType);
        await tell(options, tx, plan.summary.notifications, prefixLength);
        prefixLength = 0;
      }
      const result = tx.run(options.query, params);
      await options.writer.begin(await result.keys());
      let rows = 0;
      for await (const record of result) {
        await options.writer.row(record.keys.map((key) => record.get(key)));
        rows += 1;
      }
      await options.writer.end();
      if (options.skipPlanCheck || explained) await tell(options, tx, (await result.summary()).notifications, 0);
      // Read-only: nothing to commit, and rolling back makes sure nothing could be.
      await tx.rollback();
      return { rows, ms: Date.now() - started };
    } catch (error) {
      if (tx?.isOpen()) await tx.rollback().catch(() => undefined);
      throw mapQueryError(describeQueryError(error, options.query, prefixLength), options.timeoutMs);
    }
  });
}

/** EXPLAIN and PROFILE queries are checked by Neo4j alone: it still refuses writes in a READ transaction. */
function isPlanRequest(query: string): boolean {
  return /^\s*(EXPLAIN|PROFILE)\b/i.test(query);
}

/** Where to look up the names a notification says are unknown, for a "did you mean". */
const KNOWN_NAMES: Record<string, string> = {
  'Neo.ClientNotification.Statement.UnknownLabelWarning': 'CALL db.labels() YIELD label RETURN label AS name',
  'Neo.ClientNotification.Statement.UnknownRelationshipTypeWarning': 'CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType AS name',
  'Neo.ClientNotification.Statement.UnknownPropertyKeyWarning': 'CALL db.propertyKeys() YIELD propertyKey RETURN propertyKey AS name',
};

async function tell(options: ReadQueryOptions, tx: Transaction, notifications: Notification[], prefixLength: number): Promise<void> {
  if (!options.onNotification) return;
  for (const notification of notifications) {
    // The run that follows fails with a clearer error naming --param.
    if (notification.code === 'Neo.ClientNotification.Statement.ParameterNotProvided') continue;
    const lookup = KNOWN_NAMES[notification.code];
    const missing = missingName(notification);
    let suggestion: string | undefined;
    if (lookup && missing) {
      const names = (await tx.run(lookup)).records.map((r) => r.get('name') as string).filter((name) => !isInternalName(name));
      suggestion = didYouMean(missing, names);
    }
    options.onNotification(describeNotification(notification, options.query, prefixLength, suggestion), notification);
  }
}

function assertReadOnly(type: string | undefined): void {
  if (type !== 'r') {
    const what = type === 's' ? 'changes the schema' : 'writes to the graph';
    throw new AppError(ErrorCode.WRITE_REFUSED, `The query ${what}; entente cypher only runs read-only queries. Nothing was written.`, {
      details: { queryType: type },
      hint: 'Change the graph through the seed files (entente seed), not through ad-hoc queries.',
    });
  }
}

async function resolveParams(tx: Transaction, params: Map<string, ParamValue>): Promise<Record<string, unknown>> {
  const resolved: Record<string, unknown> = {};
  for (const [name, param] of params) {
    if (param.kind === 'value') {
      resolved[name] = param.value;
      continue;
    }
    // Neo4j parses temporal text exactly as in a query, time zones included.
    try {
      const result = await tx.run(`RETURN ${param.fn}($text) AS value`, { text: param.text });
      resolved[name] = result.records[0]?.get('value');
    } catch (error) {
      throw new AppError(ErrorCode.USAGE, `--param ${name}: "${param.text}" is not a valid ${param.fn}.`, { cause: error });
    }
  }
  return resolved;
}

function mapQueryError(error: unknown, timeoutMs: number): unknown {
  const mapped = mapDriverError(error, 'The query failed');
  if (mapped instanceof AppError && mapped.code === ErrorCode.WRITE_REFUSED && !(error instanceof AppError)) {
    return new AppError(ErrorCode.WRITE_REFUSED, 'The query tried to write; entente cypher only runs read-only queries. Nothing was written.', {
      cause: error,
      details: mapped.details,
    });
  }
  if (mapped instanceof AppError && mapped.code === ErrorCode.QUERY_TIMEOUT) {
    return new AppError(ErrorCode.QUERY_TIMEOUT, `The query ran longer than its ${timeoutMs / 1000} s limit and was stopped.`, {
      cause: error,
      hint: 'Raise the limit with --timeout (e.g. --timeout 2m), or narrow the query.',
    });
  }
  return mapped;
}

/** `30s`, `500ms`, `2m`, or a bare number of seconds. */
export function parseTimeout(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$/.exec(text);
  if (!match) throw new AppError(ErrorCode.USAGE, `--timeout ${text}: expected a duration such as 30s, 500ms or 2m.`);
  const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  const ms = Math.round(Number(match[1]) * unit);
  if (ms <= 0) throw new AppError(ErrorCode.USAGE, '--timeout must be more than zero.');
  return ms;
}
