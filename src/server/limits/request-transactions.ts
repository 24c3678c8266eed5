import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import neo4j, { type Driver, type Session, type SessionConfig } from 'neo4j-driver';

type TransactionConfig = NonNullable<Parameters<Session['executeRead']>[1]>;
import pLimit from 'p-limit';
import { waitForSlot } from './wait-for-slot.ts';
import type { RequestLimits } from '../../config.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import type { Logger } from '../../logger.ts';

/** The database as one GraphQL request sees it: read-only, time-limited, a bounded share of the pool. */
export interface RequestTransactions {
  /** Tags every transaction of the request (transaction metadata `ententeRequest`). */
  id: string;
  /** A driver for @neo4j/graphql's `context.executionContext` and the analyst queries. */
  driver: Driver;
  /** For @neo4j/graphql's `context.transaction`. */
  transaction: { timeout: number; metadata: Record<string, unknown> };
  /** Stops the request's transactions (its client went away); later ones are refused. */
  cancel(): Promise<void>;
}

const current = new AsyncLocalStorage<RequestTransactions>();

/** Runs `fn` with `scope` as the current request's database access (read by the analyst queries). */
export function runInRequestScope<T>(scope: RequestTransactions, fn: () => T): T {
  return current.run(scope, fn);
}

/** The current request's driver, when called while serving a GraphQL request. */
export function currentRequestDriver(): Driver | undefined {
  return current.getStore()?.driver;
}

export interface TransactionGateOptions {
  driver: Driver;
  database: string;
  limits: RequestLimits;
  logger: Logger;
}

/**
 * Hands out per-request views of one driver. Every transaction runs in READ mode with the
 * configured server-side timeout; one request runs at most `maxTransactionsPerRequest` at once
 * and all requests together at most `maxTransactions`, so the pool keeps connections for /health;
 * a transaction that waits longer than `transactionWaitMs` for a slot fails with SERVER_BUSY.
 */
export function createTransactionGate(options: TransactionGateOptions): { forRequest(): RequestTransactions } {
  const { driver, database, limits, logger } = options;
  const shared = pLimit(limits.maxTransactions);
  return {
    forRequest() {
      const id = randomUUID();
      const own = pLimit(limits.maxTransactionsPerRequest);
      let cancelled = false;
      let running = 0;
      const gate = <T>(work: () => Promise<T>): Promise<T> =>
        own(() =>
          waitForSlot(
            shared,
            async () => {
              if (cancelled) throw new AppError(ErrorCode.INTERRUPTED, 'The client went away; the request was cancelled.');
              running += 1;
              try {
                return await work();
              } finally {
                running -= 1;
              }
            },
            limits.transactionWaitMs,
          ),
        );
      const limitConfig = (config: TransactionConfig | undefined): TransactionConfig => ({
        ...config,
        timeout: Math.min(toNumber(config?.timeout) ?? limits.transactionTimeoutMs, limits.transactionTimeoutMs),
        metadata: { ...config?.metadata, ententeRequest: id },
      });
      const view = {
        session: (config: SessionConfig = {}) =>
          readOnlySession(driver.session({ ...config, database: config.database ?? database, defaultAccessMode: neo4j.session.READ }), gate, limitConfig),
        executeQueryBookmarkManager: driver.executeQueryBookmarkManager,
      } as unknown as Driver;
      return {
        id,
        driver: view,
        transaction: { timeout: limits.transactionTimeoutMs, metadata: { ententeRequest: id } },
        cancel: async () => {
          if (cancelled) return;
          cancelled = true;
          own.clearQueue();
          if (running > 0) await terminateTransactions(driver, database, id, logger);
        },
      };
    },
  };
}

function toNumber(value: unknown): number | undefined {
  if (value === undefined || value === null) return undefined;
  return neo4j.isInt(value) ? value.toNumber() : Number(value);
}

/** A session whose transactions go through `gate`, read only, with the limited config; writes refused. */
function readOnlySession(
  session: Session,
  gate: <T>(work: () => Promise<T>) => Promise<T>,
  limitConfig: (config: TransactionConfig | undefined) => TransactionConfig,
): Session {
  return new Proxy(session, {
    get(target, property, receiver) {
      switch (property) {
        case 'executeRead':
          return (work: Parameters<Session['executeRead']>[0], config?: TransactionConfig) => gate(() => target.executeRead(work, limitConfig(config)));
        case 'executeWrite':
        case 'run':
        case 'beginTransaction':
          // The API only reads, through transaction functions; anything else is a bug or an attack.
          return () => {
            throw new AppError(ErrorCode.WRITE_REFUSED, 'The API reads only, through read transactions.');
          };
        default: {
          const value = Reflect.get(target, property, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        }
      }
    },
  });
}

/** Terminates the running transactions tagged with `requestId`; they hold Neo4j's CPU for nobody. */
async function terminateTransactions(driver: Driver, database: string, requestId: string, logger: Logger): Promise<void> {
  try {
    const { records } = await driver.executeQuery(
      'SHOW TRANSACTIONS YIELD transactionId, metaData WHERE metaData.ententeRequest = $requestId RETURN collect(transactionId) AS ids',
      { requestId },
      { database, routing: neo4j.routing.READ },
    );
    const ids = (records[0]?.get('ids') as string[] | undefined) ?? [];
    if (ids.length === 0) return;
    await driver.executeQuery('TERMINATE TRANSACTIONS $ids', { ids }, { database, routing: neo4j.routing.WRITE });
    logger.info(`Client went away: terminated ${ids.length} transaction(s) of request ${requestId}`);
  } catch (error) {
    logger.warn(`Could not terminate the transactions of request ${requestId}: ${(error as Error).message}`);
  }
}
