import { createWriteStream, type WriteStream } from 'node:fs';
import { once } from 'node:events';
import path from 'node:path';
import { ByteWriter, ParquetWriter } from 'hyparquet-writer';
import type { ColumnSource, SchemaElement } from 'hyparquet-writer';
import { cellText } from './csv-tables.ts';
import type { ExportNode, ExportRelationship, GraphSource } from './graph-source.ts';
import { integerToText } from '../values/property-types.ts';
import { type TableColumn, tableLayout } from './table-layout.ts';

export const NODES_PARQUET = 'nodes.parquet';
export const EDGES_PARQUET = 'edges.parquet';

const DAY_MS = 86_400_000;

/**
 * The nodes and edges tables of the `tables` format as Parquet (`nodes.parquet`,
 * `edges.parquet`), with the columns' types in the file: Integer as INT64 (exact beyond 2^53),
 * Float as DOUBLE, Boolean, Date as DATE, lists of strings (`labels`, `aliases`) as lists; other
 * values as text (temporal types in ISO 8601, other lists joined by `;`). Written one row group
 * per `batchSize` rows, so memory stays bounded. Written by hyparquet-writer.
 */
export async function writeParquetTables(source: GraphSource, dir: string, options: { batchSize?: number } = {}): Promise<string[]> {
  const layout = tableLayout(source.schema);
  const batchSize = options.batchSize ?? 10_000;
  await writeTable(path.join(dir, NODES_PARQUET), layout.nodes, source.nodes(), batchSize);
  await writeTable(path.join(dir, EDGES_PARQUET), layout.edges, source.relationships(), batchSize);
  return [NODES_PARQUET, EDGES_PARQUET];
}

type Encoding = 'string' | 'int64' | 'double' | 'boolean' | 'date' | 'stringList';

function encodingOf(column: TableColumn): Encoding {
  const type = column.type;
  if (!type) return 'string';
  if (type.list) return type.scalar === 'string' ? 'stringList' : 'string';
  switch (type.scalar) {
    case 'integer':
      return 'int64';
    case 'float':
      return 'double';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    default:
      return 'string';
  }
}

function schemaOf(name: string, encoding: Encoding): SchemaElement[] {
  const optional = { name, repetition_type: 'OPTIONAL' } as const;
  switch (encoding) {
    case 'string':
      return [{ ...optional, type: 'BYTE_ARRAY', converted_type: 'UTF8' }];
    case 'int64':
      return [{ ...optional, type: 'INT64' }];
    case 'double':
      return [{ ...optional, type: 'DOUBLE' }];
    case 'boolean':
      return [{ ...optional, type: 'BOOLEAN' }];
    case 'date':
      return [{ ...optional, type: 'INT32', converted_type: 'DATE' }];
    case 'stringList':
      return [
        { ...optional, converted_type: 'LIST', num_children: 1 },
        { name: 'list', repetition_type: 'REPEATED', num_children: 1 },
        { name: 'element', repetition_type: 'OPTIONAL', type: 'BYTE_ARRAY', converted_type: 'UTF8' },
      ];
    default:
      return assertNever(encoding);
  }
}

function encode(value: unknown, encoding: Encoding): unknown {
  if (value === undefined || value === null) return null;
  switch (encoding) {
    case 'string':
      return cellText(value);
    case 'int64':
      return BigInt(integerToText(value));
    case 'double':
    case 'boolean':
      return value;
    case 'date': {
      const date = value as { year: unknown; month: unknown; day: unknown };
      return Date.UTC(Number(date.year), Number(date.month) - 1, Number(date.day)) / DAY_MS;
    }
    case 'stringList':
      return value as string[];
    default:
      return assertNever(encoding);
  }
}

async function writeTable(file: string, columns: TableColumn[], rows: AsyncIterable<ExportNode | ExportRelationship>, batchSize: number): Promise<void> {
  const encodings = columns.map(encodingOf);
  const schema: SchemaElement[] = [{ name: 'root', num_children: columns.length }, ...columns.flatMap((c, i) => schemaOf(c.name, encodings[i] ?? 'string'))];
  const stream = createWriteStream(file);
  const bytes = new ByteWriter();
  const writer = new ParquetWriter({ writer: bytes, schema, createdBy: 'entente' });
  let batch: unknown[][] = columns.map(() => []);
  let count = 0;
  const writeBatch = async () => {
    if (count === 0) return;
    const columnData: ColumnSource[] = columns.map((c, i) => ({ name: c.name, data: batch[i] as ColumnSource['data'] }));
    await writer.write({ columnData, rowGroupSize: count });
    await drain(bytes, stream);
    batch = columns.map(() => []);
    count = 0;
  };
  try {
    for await (const row of rows) {
      columns.forEach((column, i) => batch[i]?.push(encode(column.value(row), encodings[i] ?? 'string')));
      count += 1;
      if (count >= batchSize) await writeBatch();
    }
    await writeBatch();
    await writer.finish();
    await drain(bytes, stream);
  } finally {
    const closed = once(stream, 'close');
    stream.end();
    await closed;
  }
}

/** Moves what the Parquet writer has produced so far to the file, then reuses its buffer. */
async function drain(bytes: ByteWriter, stream: WriteStream): Promise<void> {
  if (bytes.index === 0) return;
  const chunk = Buffer.from(bytes.buffer.slice(0, bytes.index));
  bytes.index = 0;
  if (!stream.write(chunk)) await once(stream, 'drain');
}

function assertNever(value: never): never {
  throw new Error(`unexpected encoding ${String(value)}`);
}
