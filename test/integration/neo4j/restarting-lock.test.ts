import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.ts';
import { ErrorCode, isAppError } from '../../../src/errors.ts';
import { silentLogger } from '../../../src/logger.ts';
import { markDataDirLock, readDataDirOwner } from '../../../src/neo4j/data-dir-lock.ts';
import { openDatabase } from '../../../src/neo4j/open-database.ts';

describe('the lock file while the owner restarts its Neo4j', () => {
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'entente-lock-'));
  });
  afterAll(async () => {
    await rm(dataDir, { recursive: true, force: true });
  });

  it('tells a CLI command that the database is restarting, not that the directory is locked', async () => {
    // Our parent stands in for the `entente serve` that owns the directory: alive, and not us.
    await writeFile(path.join(dataDir, 'entente.lock'), JSON.stringify({ pid: process.ppid, boltPort: 7999, state: 'restarting' }));
    expect(await readDataDirOwner(dataDir)).toMatchObject({ pid: process.ppid, state: 'restarting' });
    const error = await openDatabase(loadConfig({ ENTENTE_DATA_DIR: dataDir }), silentLogger).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAppError(error, ErrorCode.NEO4J_UNAVAILABLE)).toBe(true);
    expect((error as Error).message).toMatch(/restarting/);
  });

  it('is only rewritten by its owner', async () => {
    await markDataDirLock(dataDir, 7999, 'running');
    expect(await readDataDirOwner(dataDir)).toMatchObject({ pid: process.ppid, state: 'restarting' });
  });
});
