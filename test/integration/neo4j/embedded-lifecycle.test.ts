import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbeddedNeo4jConfig } from '../../../src/config.ts';
import { ErrorCode } from '../../../src/errors.ts';
import { silentLogger } from '../../../src/logger.ts';
import { findFreePort } from '../../../src/neo4j/check-port-free.ts';
import { EmbeddedNeo4j } from '../../../src/neo4j/embedded-neo4j.ts';
import { loadConfig } from '../../../src/config.ts';
import { createDriver, openDatabase } from '../../../src/neo4j/open-database.ts';

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function waitUntil(condition: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return condition();
}

describe('an embedded Neo4j on its own data directory', () => {
  let scratch: string;
  let config: EmbeddedNeo4jConfig;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(os.tmpdir(), 'entente-lifecycle-'));
    config = { dataDir: path.join(scratch, 'neo4j'), boltPort: await findFreePort(), pageCacheMb: 64, heapMb: 512, password: undefined, javaHome: process.env.JAVA_HOME };
  });
  afterAll(async () => {
    await rm(scratch, { recursive: true, force: true });
  });

  // Generous limits: each test starts one or two JVMs, which takes a minute on a busy 2-core machine.
  it('keeps its data and password across a restart, and its JVM is gone after stop()', { timeout: 400_000 }, async () => {
    const first = new EmbeddedNeo4j({ config, logger: silentLogger });
    const connection = await first.start();
    const pid = first.pid!;
    let driver = createDriver(connection);
    await driver.executeQuery("CREATE (:Probe {id: 'persisted'})", {}, { database: connection.database });
    await driver.close();

    const second = new EmbeddedNeo4j({ config: { ...config, boltPort: await findFreePort() }, logger: silentLogger });
    await expect(second.start()).rejects.toMatchObject({ code: ErrorCode.DATA_DIR_LOCKED });

    await first.stop();
    expect(first.status).toBe('stopped');
    expect(isAlive(pid)).toBe(false);

    const again = new EmbeddedNeo4j({ config, logger: silentLogger });
    const reconnection = await again.start();
    try {
      expect(reconnection.password).toBe(connection.password);
      driver = createDriver(reconnection);
      const { records } = await driver.executeQuery('MATCH (p:Probe) RETURN p.id AS id', {}, { database: reconnection.database });
      expect(records.map((r) => r.get('id'))).toEqual(['persisted']);
      await driver.close();
    } finally {
      await again.stop();
    }
  });

  it('stops its JVM when the owning process is killed outright', { timeout: 300_000 }, async () => {
    const owner = spawn(process.execPath, ['--import', 'tsx', path.resolve('test/fixtures/launcher/start-embedded.ts'), path.join(scratch, 'orphan')], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const jvmPid = await new Promise<number>((resolve, reject) => {
        createInterface({ input: owner.stdout! }).once('line', (line) => resolve(Number(line)));
        owner.once('exit', (code) => reject(new Error(`fixture exited early with ${code}`)));
      });
      expect(isAlive(jvmPid)).toBe(true);
      owner.kill('SIGKILL');
      // The JVM sees its stdin pipe close and shuts Neo4j down by itself.
      expect(await waitUntil(() => !isAlive(jvmPid), 60_000)).toBe(true);
    } finally {
      owner.kill('SIGKILL');
    }
  });

  it('is used, not restarted, by a second Entente process on the same data directory', { timeout: 300_000 }, async () => {
    const dataDir = path.join(scratch, 'shared');
    const owner = spawn(process.execPath, ['--import', 'tsx', path.resolve('test/fixtures/launcher/start-embedded.ts'), dataDir], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    try {
      const jvmPid = await new Promise<number>((resolve, reject) => {
        createInterface({ input: owner.stdout! }).once('line', (line) => resolve(Number(line)));
        owner.once('exit', (code) => reject(new Error(`fixture exited early with ${code}`)));
      });
      // What `entente cypher` does while `npm start` runs in another terminal.
      const db = await openDatabase(loadConfig({ ENTENTE_DATA_DIR: dataDir }), silentLogger);
      expect(db.embedded).toBe(false);
      const { records } = await db.driver.executeQuery('RETURN apoc.version() AS v', {}, { database: db.database });
      expect(records[0]?.get('v')).toMatch(/^5\.26\./);
      await db.close();
      expect(isAlive(jvmPid)).toBe(true);
    } finally {
      owner.kill('SIGKILL');
    }
  });
});
