import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError, ErrorCode } from '../errors.ts';

/**
 * Our own lock beside Neo4j's store lock: it names the owning process and its Bolt port, which
 * Neo4j's does not, so a second Entente can refuse early or use the running database instead.
 */
const LOCK_FILE = 'entente.lock';

export interface DataDirOwner {
  pid: number;
  /** Absent in locks written by a process that has not chosen its port (older format: a bare pid). */
  boltPort: number | undefined;
  /** 'restarting' while the owner brings its Neo4j back after a crash. */
  state: 'running' | 'restarting';
}

/** Records in our own lock that its Neo4j is restarting (or running again), for CLI commands to tell. */
export async function markDataDirLock(dataDir: string, boltPort: number, state: DataDirOwner['state']): Promise<void> {
  const owner = await readLock(dataDir);
  if (owner !== undefined && owner.pid !== process.pid) return;
  await writeFile(path.join(dataDir, LOCK_FILE), JSON.stringify({ pid: process.pid, boltPort, state }));
}

export async function acquireDataDirLock(dataDir: string, boltPort: number, state: DataDirOwner['state'] = 'running'): Promise<void> {
  const file = path.join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      await writeFile(file, JSON.stringify(state === 'running' ? { pid: process.pid, boltPort } : { pid: process.pid, boltPort, state }), { flag: 'wx' });
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readDataDirOwner(dataDir);
    if (owner) {
      throw new AppError(ErrorCode.DATA_DIR_LOCKED, `The data directory ${dataDir} is in use by another Entente process (pid ${owner.pid}).`, {
        details: { dataDir, pid: owner.pid },
        hint: 'Stop that process, connect to its Neo4j with NEO4J_URI, or choose another ENTENTE_DATA_DIR.',
      });
    }
    await rm(file, { force: true }); // stale: its owner is gone
  }
  throw new AppError(ErrorCode.DATA_DIR_LOCKED, `Could not lock the data directory ${dataDir}.`);
}

export async function releaseDataDirLock(dataDir: string): Promise<void> {
  const owner = await readLock(dataDir);
  if (owner?.pid === process.pid) await rm(path.join(dataDir, LOCK_FILE), { force: true });
}

/** The live process, other than this one, that holds the data directory; undefined if none. */
export async function readDataDirOwner(dataDir: string): Promise<DataDirOwner | undefined> {
  const owner = await readLock(dataDir);
  return owner && owner.pid !== process.pid && isAlive(owner.pid) ? owner : undefined;
}

async function readLock(dataDir: string): Promise<DataDirOwner | undefined> {
  const text = (await readFile(path.join(dataDir, LOCK_FILE), 'utf8').catch(() => '')).trim();
  let parsed: { pid?: unknown; boltPort?: unknown; state?: unknown } | undefined;
  try {
    parsed = text.startsWith('{') ? (JSON.parse(text) as typeof parsed) : { pid: Number(text) };
  } catch {
    return undefined;
  }
  const pid = Number(parsed?.pid);
  if (!Number.isInteger(pid) || pid <= 0) return undefined;
  const boltPort = Number(parsed?.boltPort);
  return { pid, boltPort: Number.isInteger(boltPort) && boltPort > 0 ? boltPort : undefined, state: parsed?.state === 'restarting' ? 'restarting' : 'running' };
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
