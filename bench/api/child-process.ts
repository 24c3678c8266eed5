/** What the benchmark's child servers share: their connection, and dying with their parent. */
import type { Neo4jConnectionConfig } from '../../src/config.ts';

export function connectionFromEnv(): Neo4jConnectionConfig {
  const uri = process.env['NEO4J_URI'];
  const password = process.env['NEO4J_PASSWORD'];
  if (uri === undefined || password === undefined) throw new Error('NEO4J_URI and NEO4J_PASSWORD are required');
  return { uri, username: 'neo4j', password, database: 'neo4j' };
}

/**
 * Runs `stop` on SIGTERM/SIGINT, and when the parent goes away (its end of our stdin closes),
 * so that no server outlives the benchmark, even one killed with -9.
 */
export function stopOnParentExit(stop: () => Promise<void>): void {
  let stopping = false;
  const shutdown = () => {
    if (stopping) return;
    stopping = true;
    void stop().finally(() => process.exit(0));
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
  process.stdin.on('end', shutdown);
  process.stdin.on('close', shutdown);
  process.stdin.resume();
}
