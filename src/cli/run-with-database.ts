import { type Config, loadConfig } from '../config.ts';
import { AppError, ErrorCode } from '../errors.ts';
import { createLogger, type Logger } from '../logger.ts';
import { type Database, openDatabase } from '../neo4j/open-database.ts';

export interface CommandContext {
  config: Config;
  logger: Logger;
  /** Aborted on SIGINT/SIGTERM. */
  signal: AbortSignal;
}

export interface RunWithDatabaseOptions {
  /**
   * On a signal, let the command wind down itself (watching `signal`) before the database
   * closes: `serve` stops taking requests first. Otherwise the database closes at once, which
   * fails the command's queries and rolls back its open transaction.
   */
  graceful?: boolean;
}

/**
 * Opens the database (starting the embedded one if needed), runs the command and always closes
 * it again: on success, on failure and on Ctrl-C, so no JVM outlives the command.
 */
export async function runWithDatabase<T>(
  fn: (db: Database, ctx: CommandContext) => Promise<T>,
  options: RunWithDatabaseOptions = {},
): Promise<T> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const abort = new AbortController();
  let db: Database | undefined;
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    const exitCode = signal === 'SIGINT' ? 130 : 143;
    if (signals > 1) {
      logger.warn(`${signal} again: exiting now`);
      // The embedded launcher's 'exit' hook still kills the JVM.
      process.exit(exitCode);
    }
    logger.info(`${signal} received: shutting down (press Ctrl-C again to force)`);
    process.exitCode = exitCode;
    abort.abort();
    if (!options.graceful) void db?.close();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    db = await openDatabase(config, logger, { signal: abort.signal });
    if (abort.signal.aborted) throw interrupted();
    return await fn(db, { config, logger, signal: abort.signal });
  } catch (error) {
    throw abort.signal.aborted && !options.graceful ? interrupted(error) : error;
  } finally {
    await db?.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function interrupted(cause?: unknown): AppError {
  return new AppError(ErrorCode.INTERRUPTED, 'Interrupted; the database was closed and nothing half-written was kept.', { cause });
}

/** Resolves when the signal aborts: the body of long-running commands. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
