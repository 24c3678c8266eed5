import type { GraphSource } from './graph-source.ts';
import { groupKey, keyLabelOf } from './graph-source.ts';
import { cypherMap, cypherName, cypherString } from '../values/cypher-literal.ts';
import type { TextSink } from '../io/sink.ts';
import { idempotent } from '../formats/cypher/idempotent.ts';

export interface CypherWriterOptions {
  /** Rows per UNWIND statement. */
  batchSize?: number;
  /** Written in the header comment. */
  description?: string;
}

/**
 * A Cypher script that rebuilds the graph in an empty Neo4j 5: schema first (constraints, then
 * indexes), then nodes, then relationships, each in UNWIND batches of literal rows. Every
 * statement ends with `;` on its own line end, so cypher-shell and `entente import` can replay it.
 * Batches are kept per label set and per (type, start label, end label): at most one open batch
 * each, so memory depends on the number of groups, not on the graph's size.
 */
export async function writeCypherScript(source: GraphSource, sink: TextSink, options: CypherWriterOptions = {}): Promise<void> {
  const batchSize = options.batchSize ?? 500;
  const { schema } = source;
  await sink.write(
    [
      `// Entente graph export${options.description ? `: ${options.description}` : ''}`,
      `// ${schema.nodeCount} nodes, ${schema.relationshipCount} relationships.`,
      '// Replay into an EMPTY Neo4j 5 database: cypher-shell -f <this file>, or entente import --format cypher <this file>.',
      '',
    ].join('\n') + '\n',
  );
  if (schema.constraints.length > 0) {
    await sink.write('// Constraints\n');
    for (const statement of schema.constraints) await sink.write(`${idempotent(statement)};\n`);
  }
  if (schema.indexes.length > 0) {
    await sink.write('// Indexes\n');
    for (const statement of schema.indexes) await sink.write(`${idempotent(statement)};\n`);
  }
  // Index creation is asynchronous: wait so that relationship lookups below use the indexes.
  if (schema.constraints.length + schema.indexes.length > 0) await sink.write('CALL db.awaitIndexes(300);\n');

  await sink.write('// Nodes\n');
  const nodeBatches = new Map<string, { labels: string[]; rows: string[] }>();
  const flushNodes = async (batch: { labels: string[]; rows: string[] }) => {
    if (batch.rows.length === 0) return;
    const labels = batch.labels.map(cypherName).join(':');
    await sink.write(`UNWIND [\n${batch.rows.join(',\n')}\n] AS row\nCREATE (n:${labels}) SET n = row;\n`);
    batch.rows = [];
  };
  for await (const node of source.nodes()) {
    const key = groupKey(node.labels);
    let batch = nodeBatches.get(key);
    if (!batch) {
      batch = { labels: node.labels, rows: [] };
      nodeBatches.set(key, batch);
    }
    batch.rows.push(cypherMap(node.properties));
    if (batch.rows.length >= batchSize) await flushNodes(batch);
  }
  for (const batch of nodeBatches.values()) await flushNodes(batch);

  await sink.write('// Relationships\n');
  interface RelBatch {
    type: string;
    startLabel: string;
    endLabel: string;
    rows: string[];
  }
  const relBatches = new Map<string, RelBatch>();
  const flushRels = async (batch: RelBatch) => {
    if (batch.rows.length === 0) return;
    await sink.write(
      `UNWIND [\n${batch.rows.join(',\n')}\n] AS row\n` +
        `MATCH (a:${cypherName(batch.startLabel)} {id: row.s})\nMATCH (b:${cypherName(batch.endLabel)} {id: row.e})\n` +
        `CREATE (a)-[r:${cypherName(batch.type)}]->(b) SET r = row.p;\n`,
    );
    batch.rows = [];
  };
  for await (const rel of source.relationships()) {
    const startLabel = keyLabelOf(rel.start.labels, schema.keyLabels);
    const endLabel = keyLabelOf(rel.end.labels, schema.keyLabels);
    const key = `${rel.type}\u0000${startLabel}\u0000${endLabel}`;
    let batch = relBatches.get(key);
    if (!batch) {
      batch = { type: rel.type, startLabel, endLabel, rows: [] };
      relBatches.set(key, batch);
    }
    batch.rows.push(`{s: ${cypherString(rel.start.id)}, e: ${cypherString(rel.end.id)}, p: ${cypherMap(rel.properties)}}`);
    if (batch.rows.length >= batchSize) await flushRels(batch);
  }
  for (const batch of relBatches.values()) await flushRels(batch);
  await sink.write('// End of export\n');
}
