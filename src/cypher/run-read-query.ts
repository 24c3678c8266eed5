import type { Transaction } from 'neo4j-driver';
import { AppError, ErrorCode } from '../errors.ts';
import { withSession, type DatabaseHandle } from '../neo4j/database-handle.ts';
import { mapDriverError } from '../neo4j/map-driver-error.ts';
import type { ParamValue } from './params.ts';
import type { ResultWriter } from './format-results.ts';

export interface ReadQueryOptions extends DatabaseHandle {
  query: string;
  params?: Map<string, ParamValue>;
  /** Transaction timeout; Neo4j stops the query past it. */
  timeoutMs: number;
  writer: ResultWriter;
  /** For tests: skip the plan check, to prove the server refuses writes on its own too. */
  skipPlanCheck?: boolean;
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
  return withSession(options, 'READ', async (session) => {
    let tx: Transaction | undefined;
    try {
      tx = session.beginTransaction({ timeout: options.timeoutMs });
      const params = await resolveParams(tx, options.params ?? new Map());
      if (!options.skipPlanCheck) await assertReadOnly(tx, options.query, params);
      const result = tx.run(options.query, params);
      await options.writer.begin(await result.keys());
      let rows = 0;
      for await (const record of result) {
        await options.writer.row(record.keys.map((key) => record.get(key)));
        rows += 1;
      }
      await options.writer.end();
      // Read-only: nothing to commit, and rolling back makes sure nothing could be.
      await tx.rollback();
      return { rows, ms: Date.now() - started };
    } catch (error) {
      if (tx?.isOpen()) await tx.rollback().catch(() => undefined);
      throw mapQueryError(error, options.timeoutMs);
    }
  });
}

async function assertReadOnly(tx: Transaction, query: string, params: Record<string, unknown>): Promise<void> {
  if (/^\s*(EXPLAIN|PROFILE)\b/i.test(query)) return; // already a plan request; Neo4j still enforces READ
  const summary = (await tx.run(`EXPLAIN ${query}`, params)).summary;
  const type = summary.queryType;
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
