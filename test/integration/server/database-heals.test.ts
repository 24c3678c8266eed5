import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../../src/neo4j/check-port-free.ts';

const entente = path.resolve('bin/entente.js');

/** The JVM `entente serve` started: its child process running Java. */
function childJava(pid: number): number {
  const lines = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(pid)], { encoding: 'utf8' }).trim().split('\n');
  const java = lines.map((line) => line.trim().split(/\s+/)).find(([, comm]) => comm === 'java');
  if (!java?.[0]) throw new Error(`no java child of ${pid}: ${lines.join('; ')}`);
  return Number(java[0]);
}

/**
 * Kills the embedded Neo4j under a running `entente serve` (kill -9, as the OOM killer would):
 * the server must notice, answer 503 with Retry-After meanwhile, say so in its lock file, bring
 * Neo4j back by itself and serve again, /health answering throughout.
 */
describe('a database that heals', () => {
  let child: ChildProcess | undefined;
  let scratch: string | undefined;
  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    if (scratch) await rm(scratch, { recursive: true, force: true });
  });

  it('restarts a killed JVM and serves again without a restart of Node', { timeout: 600_000 }, async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'entente-heal-'));
    const dataDir = path.join(scratch, 'neo4j');
    child = spawn(process.execPath, [entente, 'serve'], {
      env: {
        ...process.env,
        NEO4J_URI: '',
        NEO4J_PASSWORD: '',
        ENTENTE_DATA_DIR: dataDir,
        ENTENTE_BOLT_PORT: String(await findFreePort()),
        ENTENTE_NEO4J_HEAP_MB: '512',
        ENTENTE_NEO4J_PAGECACHE_MB: '64',
        PORT: '0',
        HOST: '127.0.0.1',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log: string[] = [];
    const url = await new Promise<string>((resolve, reject) => {
      createInterface({ input: child!.stderr! }).on('line', (line) => {
        log.push(line);
        const match = /GraphQL ready at (\S+)/.exec(line);
        if (match?.[1]) resolve(match[1]);
      });
      child!.once('exit', (code) => reject(new Error(`serve exited with ${code}:\n${log.join('\n')}`)));
    });
    const health = url.replace(/graphql$/, 'health');
    const query = () =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ countries(limit: 1) { id } }' }) });
    expect((await query()).status).toBe(200);

    const killedAt = Date.now();
    process.kill(childJava(child.pid!), 'SIGKILL');
    let sawRetryAfter = false;
    let sawRestartingLock = false;
    let slowestHealthMs = 0;
    let backAfterMs: number | undefined;
    while (Date.now() - killedAt < 400_000) {
      const started = Date.now();
      const response = await fetch(health, { signal: AbortSignal.timeout(5_000) });
      slowestHealthMs = Math.max(slowestHealthMs, Date.now() - started);
      if (response.status === 503) {
        sawRetryAfter ||= Number(response.headers.get('retry-after')) > 0;
        const lock = JSON.parse(await readFile(path.join(dataDir, 'entente.lock'), 'utf8').catch(() => '{}'));
        sawRestartingLock ||= lock.state === 'restarting' && lock.pid === child.pid;
      } else if (response.status === 200 && sawRetryAfter) {
        backAfterMs = Date.now() - killedAt;
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    process.stderr.write(`[heal] JVM killed: back after ${backAfterMs} ms; slowest /health ${slowestHealthMs} ms\n`);
    expect(sawRetryAfter).toBe(true);
    expect(sawRestartingLock).toBe(true);
    expect(backAfterMs).toBeDefined();
    expect(child.exitCode).toBeNull();
    const after = await query();
    expect(after.status).toBe(200);
    expect((await after.json()).data.countries).toHaveLength(1);
    expect(JSON.parse(await readFile(path.join(dataDir, 'entente.lock'), 'utf8')).state).not.toBe('restarting');
  });
});
