import { type Config, loadConfig } from '../config.ts';
import { createLogger, type Logger } from '../logger.ts';
import { type Database, openDatabase } from '../neo4j/open-database.ts';

export interface CommandContext {
  config: Config;
  logger: Logger;
  /** Aborted on SIGINT/SIGTERM: long commands stop early, `serve` stops serving. */
  signal: AbortSignal;
}

/**
 * Opens the database (starting the embedded one if needed), runs the command and always closes
 * it again: on success, on failure and on Ctrl-C, so no JVM outlives the command.
 */
export async function runWithDatabase<T>(fn: (db: Database, ctx: CommandContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const logger = createLogger({ level: config.logLevel });
  const abort = new AbortController();
  let signals = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    signals += 1;
    if (signals > 1) {
      logger.warn(`${signal} again: exiting now`);
      // The 'exit' hook of the embedded launcher still kills the JVM.
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    logger.info(`${signal} received: shutting down (press Ctrl-C again to force)`);
    process.exitCode = signal === 'SIGINT' ? 130 : 143;
    abort.abort(new Error(signal));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  let db: Database | undefined;
  try {
    const opening = openDatabase(config, logger);
    // A signal during a slow start-up must still stop the JVM once it is up.
    db = await opening;
    if (abort.signal.aborted) throw abort.signal.reason;
    return await fn(db, { config, logger, signal: abort.signal });
  } finally {
    await db?.close();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Resolves when the signal aborts: the body of long-running commands. */
export function untilAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
}
