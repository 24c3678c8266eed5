/**
 * The exports researchers take elsewhere, made by the real CLI and opened by the programs they
 * use, with no renaming or post-processing: NetworkX and igraph read the GraphML (names shown,
 * ids that join), pandas, polars and DuckDB read the plain tables (CSV and Parquet) and the JSON
 * Lines, and every export of the same graph is the same bytes.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectTestDatabase, type TestDatabase } from '../../support/database.ts';
import { loadTestGraph, pythonJson, runCli, wipeDatabase } from './support.ts';

let testDb: TestDatabase;
let dir: string;
/** Counts from Neo4j itself, to compare what each consumer read with. */
let truth: { nodes: number; relationships: number; commitments: number; passageEdges: number; aliases: string[] };

beforeAll(async () => {
  testDb = await connectTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'entente-research-'));
  await loadTestGraph(testDb);
  const { records } = await testDb.driver.executeQuery(
    `MATCH (n) WHERE NOT n:_EntenteMeta WITH count(n) AS nodes
     MATCH (a)-[r]->(b) WHERE NOT a:_EntenteMeta AND NOT b:_EntenteMeta WITH nodes, count(r) AS relationships
     MATCH (c:Commitment) WITH nodes, relationships, count(c) AS commitments
     MATCH ()-[p]->() WHERE p.passageId IS NOT NULL WITH nodes, relationships, commitments, count(p) AS passageEdges
     MATCH (i:Instrument {id: 'pnr'})
     RETURN nodes, relationships, commitments, passageEdges, i.aliases AS aliases`,
    {},
    { database: testDb.database },
  );
  const row = records[0];
  if (!row) throw new Error('the test graph is missing');
  truth = {
    nodes: Number(row.get('nodes')),
    relationships: Number(row.get('relationships')),
    commitments: Number(row.get('commitments')),
    passageEdges: Number(row.get('passageEdges')),
    aliases: row.get('aliases') as string[],
  };
});

afterAll(async () => {
  await wipeDatabase(testDb.driver, testDb.database);
  await testDb.close();
  await rm(dir, { recursive: true, force: true });
});

async function exportTo(format: string, out: string): Promise<string> {
  const result = await runCli(testDb, ['export', '--format', format, '--out', out, '--no-progress']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  return out;
}

describe('GraphML for Gephi, NetworkX and igraph', () => {
  let file: string;
  beforeAll(async () => {
    file = await exportTo('graphml', path.join(dir, 'graph.graphml'));
  });

  it('NetworkX: every node and edge has a label and a type, ids join with passageId, labels and aliases are lists', { timeout: 300_000 }, async () => {
    const read = await pythonJson(
      `
import json, sys, networkx as nx
G = nx.read_graphml(sys.argv[1])
nodes = dict(G.nodes(data=True))
edges = list(G.edges(data=True))
passage_ids = [d["passageId"] for _, _, d in edges if "passageId" in d]
pnr = nodes["pnr"]
print(json.dumps({
  "nodes": G.number_of_nodes(), "edges": G.number_of_edges(),
  "unlabelled_nodes": [n for n, d in nodes.items() if not d.get("label") or not d.get("type")],
  "unlabelled_edges": [(u, v) for u, v, d in edges if not d.get("label") or not d.get("type")],
  "passage_ids": len(passage_ids), "unjoined": [p for p in passage_ids if p not in G],
  "passage": nodes["val-duchesse-ii-2018#p01"]["type"],
  "pnr": {"label": pnr["label"], "type": pnr["type"], "labels": pnr["labels"].split(";"), "aliases": pnr["aliases"].split(";")},
  "commitments": sum(1 for d in nodes.values() if d["type"] == "Commitment"),
  "party_to_label": next(d["label"] for u, v, d in edges if d["type"] == "PARTY_TO"),
}))`,
      [file],
    );
    expect(read).toEqual({
      nodes: truth.nodes,
      edges: truth.relationships,
      unlabelled_nodes: [],
      unlabelled_edges: [],
      passage_ids: truth.passageEdges,
      unjoined: [],
      passage: 'Passage',
      pnr: { label: 'EU PNR Directive', type: 'Instrument', labels: ['Entity', 'Instrument'], aliases: truth.aliases },
      commitments: truth.commitments,
      party_to_label: 'PARTY_TO',
    });
  });

  it('igraph (a second, independent GraphML reader) reads the same graph with names', { timeout: 300_000 }, async () => {
    const read = await pythonJson(
      `
import json, sys, igraph
g = igraph.Graph.Read_GraphML(sys.argv[1])
print(json.dumps({
  "directed": g.is_directed(), "vertices": g.vcount(), "edges": g.ecount(),
  "blank_labels": sum(1 for v in g.vs if not v["label"]),
  "pnr": g.vs.find(id="pnr")["label"],
  "edge_types": sorted(set(g.es["type"]))[:3],
}))`,
      [file],
    );
    expect(read).toEqual({
      directed: true,
      vertices: truth.nodes,
      edges: truth.relationships,
      blank_labels: 0,
      pnr: 'EU PNR Directive',
      edge_types: ['ATTENDED', 'BELONGS_TO', 'BUILDS_ON'],
    });
  });
});

/** The same checks for the CSV and the Parquet tables: what a researcher does first with them. */
const TABLE_CHECKS = `
import json, sys, pandas as pd, polars as pl, duckdb
folder, ext = sys.argv[1], sys.argv[2]
read_pd = pd.read_parquet if ext == "parquet" else pd.read_csv
nodes, edges = read_pd(f"{folder}/nodes.{ext}"), read_pd(f"{folder}/edges.{ext}")
joined = edges.merge(nodes[["id", "type"]], left_on="source", right_on="id").merge(nodes[["id", "type"]], left_on="target", right_on="id")
if ext == "parquet":
    pl_nodes = pl.read_parquet(f"{folder}/nodes.{ext}")
else:
    pl_nodes = pl.read_csv(f"{folder}/nodes.{ext}", try_parse_dates=True, infer_schema_length=None)
con = duckdb.connect()
reader = "read_parquet" if ext == "parquet" else "read_csv"
types = dict(con.execute(f"SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM {reader}('{folder}/nodes.{ext}'))").fetchall())
by_modality = con.execute(f"SELECT modality, count(*) FROM {reader}('{folder}/nodes.{ext}') WHERE type = 'Commitment' GROUP BY ALL ORDER BY ALL").fetchall()
big = con.execute(f"SELECT big FROM {reader}('{folder}/nodes.{ext}') WHERE id = 'sample-a'").fetchone()[0]
print(json.dumps({
  "nodes": len(nodes), "edges": len(edges), "joined": len(joined),
  "odd_columns": [c for c in list(nodes.columns) + list(edges.columns) if not c.replace("_", "").isalnum()],
  "first_node_columns": list(nodes.columns[:4]), "first_edge_columns": list(edges.columns[:3]),
  "commitments": int((nodes["type"] == "Commitment").sum()),
  "polars_rows": pl_nodes.height, "polars_date": str(pl_nodes.schema["date"]),
  "duckdb": {k: types[k] for k in ("id", "date", "order", "big", "one", "flag")},
  "by_modality": dict(by_modality), "big": big,
}))`;

describe('plain tables for pandas, polars and DuckDB', () => {
  for (const [format, ext] of [
    ['tables', 'csv'],
    ['parquet', 'parquet'],
  ] as const) {
    it(`${format}: nodes.${ext} and edges.${ext} read with plain typed columns and join on id`, { timeout: 300_000 }, async () => {
      const folder = await exportTo(format, path.join(dir, `graph-${format}`));
      const read = await pythonJson(TABLE_CHECKS, [folder, ext]);
      expect(read).toEqual({
        nodes: truth.nodes,
        edges: truth.relationships,
        joined: truth.relationships,
        odd_columns: [],
        first_node_columns: ['id', 'type', 'label', 'labels'],
        first_edge_columns: ['source', 'target', 'type'],
        commitments: truth.commitments,
        polars_rows: truth.nodes,
        polars_date: 'Date',
        duckdb: { id: 'VARCHAR', date: 'DATE', order: 'BIGINT', big: 'BIGINT', one: 'DOUBLE', flag: 'BOOLEAN' },
        by_modality: { ACT: 26, CALL_ON_OTHERS: 5, CONSIDER: 1, SUPPORT_OTHERS: 2, WORK_TOWARDS: 7 },
        big: 9007199254740993,
      });
    });
  }
});

describe('JSON Lines for pandas', () => {
  it('every row has a kind to split on', { timeout: 300_000 }, async () => {
    const file = await exportTo('jsonl', path.join(dir, 'graph.jsonl'));
    const read = await pythonJson(
      `
import json, sys, pandas as pd
rows = pd.read_json(sys.argv[1], lines=True)
print(json.dumps({k: int(v) for k, v in rows["kind"].value_counts().items()}))`,
      [file],
    );
    expect(read).toEqual({ meta: 1, node: truth.nodes, relationship: truth.relationships });
  });
});

describe('the same graph, the same bytes', () => {
  const FORMATS = ['cypher', 'csv', 'graphml', 'json', 'jsonl', 'tables', 'parquet'];

  async function digests(round: string): Promise<Record<string, string>> {
    const out: Record<string, string> = {};
    for (const format of FORMATS) {
      const target = path.join(dir, `same-${round}-${format}`);
      await exportTo(format, target);
      // A directory's files by name; a single file by its content alone (its name differs per round).
      const files = await readdir(target).then(
        (names) => names.sort().map((name) => ({ name, file: path.join(target, name) })),
        () => [{ name: '', file: target }],
      );
      const hash = createHash('sha256');
      for (const { name, file } of files) hash.update(`${name}\0`).update(await readFile(file));
      out[format] = hash.digest('hex');
    }
    return out;
  }

  it('exports of one graph, loaded twice, are byte-identical in every format', { timeout: 600_000 }, async () => {
    const first = await digests('a');
    // Reloading creates every node and relationship again, in another order and with new internal ids.
    await loadTestGraph(testDb);
    const second = await digests('b');
    expect(second).toEqual(first);
  });
});
