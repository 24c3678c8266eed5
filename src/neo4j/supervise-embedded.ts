import type { Neo4jConnectionConfig } from '../config.ts';
import { markDataDirLock } from './data-dir-lock.ts';
import { EmbeddedNeo4j, type EmbeddedNeo4jOptions } from './embedded-neo4j.ts';

/** Waits before restart attempt n (0-based): 1 s, 2 s, 4 s... at most 16 s. */
const RESTART_DELAYS_MS = [1_000, 2_000, 4_000, 8_000, 16_000];
/** A restart takes about this long on a small machine: what Retry-After tells clients. */
const EXPECTED_RESTART_SECONDS = 15;

export type SupervisedState = 'starting' | 'up' | 'restarting' | 'stopped';

/**
 * Keeps the embedded Neo4j alive for a long-running process: when its JVM dies (crash, OOM
 * kill), it is started again on the same store and port, with backoff, while the lock file says
 * 'restarting' so CLI commands can tell. The driver reconnects by itself once Bolt answers again.
 */
export class EmbeddedSupervisor {
  private readonly options: EmbeddedNeo4jOptions;
  private current: EmbeddedNeo4j | undefined;
  private state: SupervisedState = 'starting';
  private restartSince = 0;
  private restarting: Promise<void> | undefined;
  /** Aborted by stop(): a restart under way gives up at once instead of finishing first. */
  private readonly stopped = new AbortController();

  constructor(options: Omit<EmbeddedNeo4jOptions, 'onUnexpectedExit'>) {
    this.options = options;
  }

  get status(): SupervisedState {
    return this.state;
  }

  /** The running JVM's process id. */
  get pid(): number | undefined {
    return this.current?.pid;
  }

  /** Whether the database serves now; while it restarts, a Retry-After in seconds. */
  availability(): { up: boolean; retryAfterSeconds: number } {
    if (this.state === 'up') return { up: true, retryAfterSeconds: 0 };
    const elapsed = (Date.now() - this.restartSince) / 1000;
    return { up: false, retryAfterSeconds: Math.max(1, Math.ceil(EXPECTED_RESTART_SECONDS - elapsed)) };
  }

  /** The first start: its failures are the caller's (nothing to heal yet). */
  async start(signal?: AbortSignal): Promise<Neo4jConnectionConfig> {
    const connection = await this.spawn().start(signal);
    this.state = 'up';
    return connection;
  }

  async stop(): Promise<void> {
    this.state = 'stopped';
    this.stopped.abort();
    await this.restarting;
    await this.current?.stop();
  }

  private spawn(lockState: 'running' | 'restarting' = 'running'): EmbeddedNeo4j {
    const embedded = new EmbeddedNeo4j({ ...this.options, lockState, onUnexpectedExit: (reason) => this.onExit(embedded, reason) });
    this.current = embedded;
    return embedded;
  }

  private onExit(embedded: EmbeddedNeo4j, reason: string): void {
    if (this.state === 'stopped' || embedded !== this.current) return;
    this.options.logger.error(`Embedded Neo4j died (${reason}); restarting it`);
    this.state = 'restarting';
    this.restartSince = Date.now();
    this.restarting = this.restart(embedded);
  }

  private async restart(dead: EmbeddedNeo4j): Promise<void> {
    const { config, logger } = this.options;
    await dead.stop();
    await markDataDirLock(config.dataDir, config.boltPort, 'restarting');
    for (let attempt = 0; this.state === 'restarting'; attempt += 1) {
      await sleep(RESTART_DELAYS_MS[Math.min(attempt, RESTART_DELAYS_MS.length - 1)]!, this.stopped.signal);
      if (this.state !== 'restarting') return;
      const embedded = this.spawn('restarting');
      try {
        await embedded.start(this.stopped.signal);
        if (this.state !== 'restarting') return void (await embedded.stop());
        await markDataDirLock(config.dataDir, config.boltPort, 'running');
        this.state = 'up';
        logger.info(`Embedded Neo4j is back after ${((Date.now() - this.restartSince) / 1000).toFixed(1)} s`);
        return;
      } catch (error) {
        if (this.state !== 'restarting') return;
        logger.error(`Restarting the embedded Neo4j failed (attempt ${attempt + 1}): ${(error as Error).message}`);
        await markDataDirLock(config.dataDir, config.boltPort, 'restarting');
      }
    }
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });
}

