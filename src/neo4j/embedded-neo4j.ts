import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { chmod, mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { EmbeddedNeo4jConfig, Neo4jConnectionConfig } from '../config.ts';
import { AppError, ErrorCode } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { buildEmbedded } from './build-embedded.ts';
import { checkPortFree } from './check-port-free.ts';
import { acquireDataDirLock, releaseDataDirLock } from './data-dir-lock.ts';
import { resolveEmbeddedPassword } from './embedded-password.ts';
import { findJava } from './find-java.ts';

/** Flags Neo4j 5 itself starts its JVM with on Java 17+. */
const JVM_FLAGS = [
  '--add-opens=java.base/java.nio=ALL-UNNAMED',
  '--add-opens=java.base/java.io=ALL-UNNAMED',
  '--add-opens=java.base/sun.nio.ch=ALL-UNNAMED',
  '--enable-native-access=ALL-UNNAMED',
  '-Dio.netty.tryReflectionSetAccessible=true',
  '-XX:+UseG1GC',
];
const MAIN_CLASS = 'org.entente.EmbeddedNeo4j';
const START_TIMEOUT_MS = 180_000;
const STOP_DRAIN_MS = 30_000;

export type EmbeddedState = 'idle' | 'starting' | 'running' | 'stopping' | 'stopped';

export interface EmbeddedNeo4jOptions {
  config: EmbeddedNeo4jConfig;
  logger: Logger;
  /** PATH used to find `java` when JAVA_HOME is unset (tests point it at nothing). */
  searchPath?: string | undefined;
  /** Written into the lock file while starting: 'restarting' when this start replaces a dead JVM. */
  lockState?: 'running' | 'restarting';
  /** Called when the JVM exits while running, without stop(): it crashed or was killed. */
  onUnexpectedExit?: (reason: string) => void;
}

interface ReadyEvent {
  event: 'ready';
  neo4j: string;
  apoc: string;
  startupMs: number;
}

interface ErrorEvent {
  event: 'error';
  code: string;
  message: string;
}

/**
 * One Neo4j Community JVM owned by this process. The JVM stops when `stop()` is called, when
 * this process exits or is killed (the JVM watches its stdin pipe), and never outlives us.
 */
export class EmbeddedNeo4j {
  private state: EmbeddedState = 'idle';
  private child: ChildProcessWithoutNullStreams | undefined;
  private stopping: Promise<void> | undefined;
  // On a sudden exit we cannot wait, but SIGTERM still lets the JVM's shutdown hook close the
  // store cleanly after we are gone.
  private readonly killOnExit = () => this.child?.kill('SIGTERM');
  private readonly options: EmbeddedNeo4jOptions;

  constructor(options: EmbeddedNeo4jOptions) {
    this.options = options;
  }

  get status(): EmbeddedState {
    return this.state;
  }

  /** The JVM's process id while it runs. */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  /**
   * Starts the JVM and resolves once Neo4j and APOC answer inside it. Aborting the signal stops
   * a start-up under way (the JVM is stopped, the promise rejects with INTERRUPTED).
   */
  async start(signal?: AbortSignal): Promise<Neo4jConnectionConfig> {
    if (this.state !== 'idle') throw new Error(`EmbeddedNeo4j.start() called in state ${this.state}`);
    this.state = 'starting';
    const { config, logger } = this.options;
    try {
      const java = await findJava({ javaHome: config.javaHome, searchPath: this.options.searchPath });
      await prepareDataDir(config.dataDir);
      await acquireDataDirLock(config.dataDir, config.boltPort, this.options.lockState);
      await checkPortFree(config.boltPort);
      const password = await resolveEmbeddedPassword(config.dataDir, config.password);
      const build = await buildEmbedded({ logger, javaHome: config.javaHome });
      logger.info(`Starting embedded Neo4j on bolt://127.0.0.1:${config.boltPort} (data in ${config.dataDir})`);
      const started = Date.now();
      throwIfAborted(signal);
      const ready = await this.spawnJvm(java.command, build.classPath, build.pluginsDir, password, signal);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      logger.info(`Embedded Neo4j ${ready.neo4j} with APOC ${ready.apoc} ready in ${seconds} s`);
      this.state = 'running';
      return { uri: `bolt://127.0.0.1:${config.boltPort}`, username: 'neo4j', password, database: 'neo4j' };
    } catch (error) {
      await this.stop();
      throw error;
    }
  }

  /** Stops Neo4j cleanly, or kills it after a bounded drain; safe to call more than once. */
  stop(): Promise<void> {
    if (this.state === 'idle' || this.state === 'stopped') {
      this.state = 'stopped';
      return Promise.resolve();
    }
    this.stopping ??= this.shutDown();
    return this.stopping;
  }

  private async shutDown(): Promise<void> {
    this.state = 'stopping';
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.stdin.end();
      child.kill('SIGTERM');
      const timer = setTimeout(() => {
        this.options.logger.warn(`Neo4j did not stop within ${STOP_DRAIN_MS / 1000} s; killing it`);
        child.kill('SIGKILL');
      }, STOP_DRAIN_MS);
      await exited;
      clearTimeout(timer);
      this.options.logger.info('Embedded Neo4j stopped');
    }
    process.off('exit', this.killOnExit);
    await releaseDataDirLock(this.options.config.dataDir);
    this.state = 'stopped';
  }

  private spawnJvm(java: string, classPath: string, pluginsDir: string, password: string, signal: AbortSignal | undefined): Promise<ReadyEvent> {
    const { config, logger } = this.options;
    const child = spawn(java, [`-Xmx${config.heapMb}m`, ...JVM_FLAGS, '-cp', classPath, MAIN_CLASS], {
      env: {
        ...process.env,
        ENTENTE_NEO4J_HOME: config.dataDir,
        ENTENTE_NEO4J_BOLT_PORT: String(config.boltPort),
        ENTENTE_NEO4J_PASSWORD: password,
        ENTENTE_NEO4J_PLUGINS: pluginsDir,
        ENTENTE_NEO4J_PAGECACHE_MB: String(config.pageCacheMb),
      },
      // Its own process group: a terminal's Ctrl-C reaches us, and we stop Neo4j after the server.
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child = child;
    process.on('exit', this.killOnExit);
    child.once('exit', (code, exitSignal) => {
      if (this.state !== 'running') return;
      this.state = 'stopped';
      process.off('exit', this.killOnExit);
      this.options.onUnexpectedExit?.(exitSignal ?? `exit code ${code}`);
    });
    const stderrTail: string[] = [];
    createInterface({ input: child.stderr }).on('line', (line) => {
      stderrTail.push(line);
      if (stderrTail.length > 40) stderrTail.shift();
      logger.debug(`neo4j: ${line}`);
    });

    return new Promise<ReadyEvent>((resolve, reject) => {
      signal?.addEventListener('abort', () => reject(interrupted()), { once: true });
      const timer = setTimeout(() => {
        reject(new AppError(ErrorCode.NEO4J_START_FAILED, `Neo4j did not become ready within ${START_TIMEOUT_MS / 1000} s.`, {
          hint: `See ${path.join(config.dataDir, 'logs', 'debug.log')}.`,
        }));
      }, START_TIMEOUT_MS);
      createInterface({ input: child.stdout }).on('line', (line) => {
        const event = parseEvent(line);
        if (event === undefined) return logger.debug(`neo4j: ${line}`);
        clearTimeout(timer);
        if (event.event === 'ready') resolve(event);
        else reject(startError(event, config));
      });
      child.once('error', (error) => {
        clearTimeout(timer);
        reject(new AppError(ErrorCode.NEO4J_START_FAILED, `Could not run ${java}: ${error.message}`, { cause: error }));
      });
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new AppError(ErrorCode.NEO4J_START_FAILED, `Neo4j's JVM exited during start-up (${signal ?? `exit code ${code}`}).`, {
          details: { stderr: stderrTail.join('\n') },
          hint: stderrTail.length > 0 ? stderrTail.slice(-10).join('\n') : `See ${path.join(config.dataDir, 'logs', 'debug.log')}.`,
        }));
      });
    });
  }
}

function interrupted(): AppError {
  return new AppError(ErrorCode.INTERRUPTED, 'Interrupted while Neo4j was starting.');
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw interrupted();
}

function parseEvent(line: string): ReadyEvent | ErrorEvent | undefined {
  if (!line.startsWith('{"event"')) return undefined;
  try {
    return JSON.parse(line) as ReadyEvent | ErrorEvent;
  } catch {
    return undefined;
  }
}

function startError(event: ErrorEvent, config: EmbeddedNeo4jConfig): AppError {
  switch (event.code) {
    case ErrorCode.PORT_IN_USE:
      return new AppError(ErrorCode.PORT_IN_USE, `Port ${config.boltPort} is already in use; Neo4j cannot listen for Bolt there.`, {
        details: { javaMessage: event.message },
        hint: 'Choose another port with ENTENTE_BOLT_PORT.',
      });
    case ErrorCode.DATA_DIR_LOCKED:
      return new AppError(ErrorCode.DATA_DIR_LOCKED, `The Neo4j store in ${config.dataDir} is locked by another process.`, {
        details: { javaMessage: event.message },
        hint: 'Stop the other Entente or Neo4j using it, or choose another ENTENTE_DATA_DIR.',
      });
    case ErrorCode.DATA_DIR_NOT_WRITABLE:
      return new AppError(ErrorCode.DATA_DIR_NOT_WRITABLE, `Neo4j cannot write to ${config.dataDir}.`, {
        details: { javaMessage: event.message },
        hint: 'Fix its permissions or choose another ENTENTE_DATA_DIR.',
      });
    default:
      return new AppError(ErrorCode.NEO4J_START_FAILED, `Neo4j failed to start: ${event.message}`, {
        hint: `See ${path.join(config.dataDir, 'logs', 'debug.log')}.`,
      });
  }
}

async function prepareDataDir(dataDir: string): Promise<void> {
  try {
    await mkdir(dataDir, { recursive: true, mode: 0o700 });
    // The store, its logs and the password are for the owner alone; a closed directory keeps
    // out everyone else whatever modes Neo4j gives the files inside.
    await chmod(dataDir, 0o700);
    const probe = path.join(dataDir, `.write-test-${process.pid}`);
    await writeFile(probe, '');
    await rm(probe);
  } catch (error) {
    throw new AppError(ErrorCode.DATA_DIR_NOT_WRITABLE, `The data directory ${dataDir} is not writable (${(error as NodeJS.ErrnoException).code ?? 'error'}).`, {
      cause: error,
      details: { dataDir },
      hint: 'Choose a writable directory with ENTENTE_DATA_DIR.',
    });
  }
}
