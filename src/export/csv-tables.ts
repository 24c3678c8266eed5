import { stringify } from 'csv-stringify/sync';
import type { ExportNode, ExportRelationship, GraphSource } from './graph-source.ts';
import { floatToText, integerToText, pointParts, scalarTypeOf, temporalToIso } from '../values/property-types.ts';
import type { DirectorySink, TextSink } from '../io/sink.ts';
import { TABLE_LIST_DELIMITER, type TableColumn, tableLayout } from './table-layout.ts';

export const NODES_CSV = 'nodes.csv';
export const EDGES_CSV = 'edges.csv';

/**
 * Two plain CSV tables, `nodes.csv` and `edges.csv`, with plain column names (`id`, `type`,
 * `label`, `labels`, then each property; `source`, `target`, `type`, then each property), for
 * `pandas.read_csv`, polars, DuckDB's `read_csv` and R's `read.csv` as they are: numbers as
 * numbers (a Float keeps its point), `true`/`false`, dates in ISO 8601, lists joined by `;`, an
 * absent property an empty cell. (The `csv` format is neo4j-admin's, with typed headers.)
 */
export async function writeCsvTables(source: GraphSource, dir: DirectorySink, options: { batchSize?: number } = {}): Promise<void> {
  const layout = tableLayout(source.schema);
  const batchSize = options.batchSize ?? 1000;
  const writeTable = async (name: string, columns: TableColumn[], rows: AsyncIterable<ExportNode | ExportRelationship>) => {
    const sink = dir.open(name);
    await sink.write(stringify([columns.map((c) => c.name)]));
    let batch: string[][] = [];
    for await (const row of rows) {
      batch.push(columns.map((column) => cellText(column.value(row))));
      if (batch.length >= batchSize) batch = await flush(sink, batch);
    }
    await flush(sink, batch);
    await sink.close();
  };
  await writeTable(NODES_CSV, layout.nodes, source.nodes());
  await writeTable(EDGES_CSV, layout.edges, source.relationships());
}

async function flush(sink: TextSink, batch: string[][]): Promise<string[][]> {
  if (batch.length > 0) await sink.write(stringify(batch));
  return [];
}

/** A value as one plain cell: what a reader's type inference turns back into the value. */
export function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(cellText).join(TABLE_LIST_DELIMITER);
  const type = scalarTypeOf(value);
  switch (type) {
    case 'string':
      return value as string;
    case 'integer':
      return integerToText(value);
    case 'float':
      return floatToText(value as number);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'point':
      return JSON.stringify(pointParts(value));
    case 'date':
    case 'datetime':
    case 'localdatetime':
    case 'time':
    case 'localtime':
    case 'duration':
      return temporalToIso(value);
    case undefined:
      return String(value);
    default:
      return assertNever(type);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected type ${String(value)}`);
}
