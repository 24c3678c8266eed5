/**
 * Each export format read by the real program researchers use it with: NetworkX (from PyPI)
 * parses the GraphML, cypher-shell replays the Cypher script, and neo4j-admin's bulk importer
 * loads the CSV into a fresh store that a second Neo4j then serves. Both Neo4j tools come from
 * Maven Central through tools/consumers/pom.xml.
 */
import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportGraph } from '../../../src/export/export-graph.ts';
import { computeGraphChecksum, type GraphChecksum } from '../../../src/store/compute-graph-checksum.ts';
import { createDriver } from '../../../src/neo4j/open-database.ts';
import { EmbeddedNeo4j } from '../../../src/neo4j/embedded-neo4j.ts';
import { findFreePort } from '../../../src/neo4j/check-port-free.ts';
import { silentLogger } from '../../../src/logger.ts';
import { connectTestDatabase, type TestDatabase } from '../../support/database.ts';
import { consumerClassPath, loadTestGraph, pythonWithNetworkx, run, wipeDatabase } from './support.ts';

let testDb: TestDatabase;
let dir: string;
let original: GraphChecksum;

beforeAll(async () => {
  testDb = await connectTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'entente-consumers-'));
  await loadTestGraph(testDb);
  original = await computeGraphChecksum(testDb);
});

afterAll(async () => {
  await wipeDatabase(testDb.driver, testDb.database);
  await testDb.close();
  await rm(dir, { recursive: true, force: true });
});

const exportTo = (format: 'graphml' | 'cypher' | 'csv', out: string) =>
  exportGraph({ driver: testDb.driver, database: testDb.database, format, out, logger: silentLogger });

describe('GraphML read by NetworkX', () => {
  it('has every node and edge, with typed attributes', { timeout: 400_000 }, async () => {
    const file = path.join(dir, 'graph.graphml');
    await exportTo('graphml', file);
    const python = await pythonWithNetworkx();
    const script = [
      'import json, sys, networkx as nx',
      'G = nx.read_graphml(sys.argv[1])',
      "a = G.nodes['sample-a']",
      'print(json.dumps({"nodes": G.number_of_nodes(), "edges": G.number_of_edges(), "directed": G.is_directed(),',
      '  "multigraph": G.is_multigraph(), "big": a["big"], "types": {k: type(a[k]).__name__ for k in ("big", "one", "flag", "days", "labels")},',
      '  "days": a["days"].split(";"), "labels": a["labels"], "passage": G.nodes["val-duchesse-ii-2018#p01"]["type"]}))',
    ].join('\n');
    const { stdout } = await run(python, ['-c', script, file]);
    const parsed = JSON.parse(stdout);
    expect(parsed).toMatchObject({
      nodes: original.nodes,
      edges: original.relationships,
      directed: true,
      multigraph: true, // two parallel SAMPLE_LINK edges
      big: 9007199254740993,
      types: { big: 'int', one: 'float', flag: 'bool', days: 'str', labels: 'str' },
      days: ['2018-05-29', '2018-06-11'],
      labels: 'Sample',
      passage: 'Passage',
    });
  });
});

describe('Cypher script replayed by cypher-shell', () => {
  it('rebuilds the same graph in an empty database', { timeout: 300_000 }, async () => {
    const file = path.join(dir, 'graph.cypher');
    await exportTo('cypher', file);
    const classPath = await consumerClassPath('cypher-shell');
    await wipeDatabase(testDb.driver, testDb.database);
    const { uri, username, password } = testDb.connection;
    // The password goes by environment: a generated one may start with "-", which `-p` would read as an option.
    await run('java', ['-cp', classPath, 'org.neo4j.shell.Main', '-a', uri, '-u', username, '--format', 'plain', '--non-interactive', '-f', file], {
      env: { ...process.env, NEO4J_PASSWORD: password },
      timeout: 240_000,
      // A hung JVM may ignore SIGTERM; nothing a test starts may outlive it.
      killSignal: 'SIGKILL',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(await computeGraphChecksum(testDb)).toEqual(original);
  });
});

describe('CSV loaded by neo4j-admin database import', () => {
  it('imports with the generated command, and a Neo4j on that store holds the same graph (empty lists aside)', { timeout: 400_000 }, async () => {
    const csvDir = path.join(dir, 'graph-csv');
    await exportTo('csv', csvDir);
    const classPath = await consumerClassPath('neo4j-admin');
    // The generated neo4j-admin-import.sh calls `neo4j-admin`: provide it from the Maven jars.
    const bin = path.join(dir, 'bin');
    await mkdir(bin, { recursive: true });
    await writeFile(path.join(bin, 'neo4j-admin'), `#!/bin/sh\nexec java -cp "${classPath}" org.neo4j.cli.AdminTool "$@"\n`);
    await chmod(path.join(bin, 'neo4j-admin'), 0o755);
    const home = path.join(dir, 'admin-home');
    await mkdir(home, { recursive: true });
    const { stdout } = await run('sh', [path.join(csvDir, 'neo4j-admin-import.sh')], {
      env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, NEO4J_HOME: home },
      timeout: 300_000,
      // A hung JVM may ignore SIGTERM; nothing a test starts may outlive it.
      killSignal: 'SIGKILL',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(stdout).toMatch(new RegExp(`${original.nodes} nodes`));
    expect(stdout).toMatch(new RegExp(`${original.relationships} relationships`));

    const neo4j = new EmbeddedNeo4j({
      config: { dataDir: home, boltPort: await findFreePort(), pageCacheMb: 64, heapMb: 512, password: undefined, javaHome: process.env.JAVA_HOME },
      logger: silentLogger,
    });
    const connection = await neo4j.start();
    const driver = createDriver(connection);
    try {
      // neo4j-admin reads "" in a list column as "no value": empty lists are the one thing it cannot carry.
      const imported = await computeGraphChecksum({ driver, database: 'neo4j' }, { ignoreEmptyLists: true });
      expect(imported).toEqual(await computeGraphChecksum(testDb, { ignoreEmptyLists: true }));
    } finally {
      await driver.close();
      await neo4j.stop();
    }
  });
});
