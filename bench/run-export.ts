/**
 * One export in its own process, for bench/export-bench.ts: prints a JSON line with the time,
 * the bytes written and this process's peak resident memory, which is what must stay flat.
 * Args: <format> <out> ; connection from NEO4J_URI / NEO4J_PASSWORD.
 */
import { exportGraph, type ExportFormat } from '../src/export/export-graph.ts';
import { silentLogger } from '../src/logger.ts';
import { createDriver } from '../src/neo4j/open-database.ts';

const [format, out] = process.argv.slice(2) as [ExportFormat | 'idle', string];
const driver = createDriver({
  uri: process.env.NEO4J_URI ?? '',
  username: 'neo4j',
  password: process.env.NEO4J_PASSWORD ?? '',
  database: 'neo4j',
});
try {
  await driver.verifyConnectivity();
  const stats =
    format === 'idle'
      ? { nodes: 0, relationships: 0, bytes: 0, ms: 0 }
      : await exportGraph({ driver, database: 'neo4j', format, out, logger: silentLogger, force: true });
  const { maxRSS } = process.resourceUsage();
  process.stdout.write(`${JSON.stringify({ format, nodes: stats.nodes, relationships: stats.relationships, bytes: stats.bytes, ms: stats.ms, peakRssMb: maxRSS / 1024 })}\n`);
} finally {
  await driver.close();
}
