/** The `(:_EntenteMeta {id: 'seed'})` node: which seed the database holds, so start-up can skip a load. */
import type { DatabaseHandle } from '../neo4j/database-handle.ts';
import { mapDriverError } from '../neo4j/map-driver-error.ts';
import { META_LABEL, META_SEED_ID } from './labels.ts';

export interface LoadedSeed {
  seedHash: string | undefined;
  /** ISO timestamp of the load that recorded the hash. */
  loadedAt: string | undefined;
  /** Nodes in the database, of any kind, the meta node excluded. */
  nodeCount: number;
  /** A staged load started and did not finish: the graph is partly written and must be loaded again. */
  unfinished: boolean;
}

export async function readLoadedSeed({ driver, database }: DatabaseHandle): Promise<LoadedSeed> {
  try {
    const { records } = await driver.executeQuery(
      `OPTIONAL MATCH (m:\`${META_LABEL}\` {id: $id})
       CALL { MATCH (n) WHERE NOT n:\`${META_LABEL}\` RETURN count(n) AS nodeCount }
       RETURN m.seedHash AS seedHash, toString(m.loadedAt) AS loadedAt, nodeCount, m.loadingSeedHash IS NOT NULL AS unfinished`,
      { id: META_SEED_ID },
      { database, routing: 'READ' },
    );
    const record = records[0];
    const seedHash = record?.get('seedHash');
    const loadedAt = record?.get('loadedAt');
    return {
      seedHash: typeof seedHash === 'string' ? seedHash : undefined,
      loadedAt: typeof loadedAt === 'string' ? loadedAt : undefined,
      nodeCount: Number(record?.get('nodeCount') ?? 0),
      unfinished: record?.get('unfinished') === true,
    };
  } catch (error) {
    throw mapDriverError(error, 'Reading the loaded seed hash');
  }
}

/** True when the database is empty, holds a seed other than `seedHash`, or a load of it that did not finish. */
export async function needsSeeding(db: DatabaseHandle, seedHash: string): Promise<boolean> {
  const loaded = await readLoadedSeed(db);
  return loaded.nodeCount === 0 || loaded.seedHash !== seedHash || loaded.unfinished;
}
