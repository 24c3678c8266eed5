import { stringify } from 'csv-stringify/sync';
import Table from 'cli-table3';
import neo4j from 'neo4j-driver';
import { toJsonValue } from '../values/json-value.ts';
import { floatToText } from '../values/property-types.ts';
import { cypherMap, cypherName } from '../values/cypher-literal.ts';
import type { TextSink } from '../io/sink.ts';
import { hideInternal } from './hide-internal.ts';

import type { OutputFormat } from './output-formats.ts';

export { OUTPUT_FORMATS, type OutputFormat } from './output-formats.ts';

/** Receives a result's column names, then its rows, then the end; writes them in one format. */
export interface ResultWriter {
  begin(keys: string[]): Promise<void>;
  row(values: unknown[]): Promise<void>;
  end(): Promise<void>;
}

export interface ResultWriterOptions {
  /** Keep the store's bookkeeping (`_Seed`, `_seedKey`) on nodes and relationships; hidden by default. */
  internal?: boolean;
}

export function createResultWriter(format: OutputFormat, sink: TextSink, options: ResultWriterOptions = {}): ResultWriter {
  const writer = formatWriter(format, sink);
  if (options.internal) return writer;
  return { ...writer, row: (values) => writer.row(values.map(hideInternal)) };
}

function formatWriter(format: OutputFormat, sink: TextSink): ResultWriter {
  switch (format) {
    case 'table':
      return tableWriter(sink);
    case 'csv':
      return csvWriter(sink);
    case 'json':
      return jsonWriter(sink);
    default:
      return assertNever(format);
  }
}

/** A value as one cell of text: strings as they are, graph values in Cypher-like notation, others as JSON. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return floatToText(value); // a Float keeps its point: 1.0, not 1
  if (neo4j.isNode(value)) {
    const node = value as import('neo4j-driver').Node;
    return `(${node.labels.map((l) => `:${cypherName(l).replace(/^`([A-Za-z_][A-Za-z0-9_]*)`$/, '$1')}`).join('')} ${cypherMap(node.properties)})`;
  }
  if (neo4j.isRelationship(value)) {
    const rel = value as import('neo4j-driver').Relationship;
    return `[:${rel.type} ${cypherMap(rel.properties)}]`;
  }
  const json = toJsonValue(value);
  return typeof json === 'string' ? json : JSON.stringify(json);
}

/** Tables need every width before the first line, so this one buffers its rows. */
function tableWriter(sink: TextSink): ResultWriter {
  let table: InstanceType<typeof Table> | undefined;
  let rows = 0;
  return {
    async begin(keys) {
      table = new Table({ head: keys, style: { head: [], border: [] }, wordWrap: true });
    },
    async row(values) {
      table?.push(values.map(cellText));
      rows += 1;
    },
    async end() {
      await sink.write(`${withoutRowRules(table?.toString() ?? '')}\n${rows} row${rows === 1 ? '' : 's'}\n`);
    },
  };
}

/** One rule under the header and none between rows, as psql and cypher-shell draw tables. */
function withoutRowRules(table: string): string {
  let ruleSeen = false;
  return table
    .split('\n')
    .filter((line) => {
      if (!line.startsWith('├')) return true;
      const keep = !ruleSeen;
      ruleSeen = true;
      return keep;
    })
    .join('\n');
}

function csvWriter(sink: TextSink): ResultWriter {
  return {
    begin: (keys) => sink.write(stringify([keys])),
    row: (values) => sink.write(stringify([values.map(cellText)])),
    end: async () => {},
  };
}

/** A JSON array of objects, one per line, written as the rows arrive. */
function jsonWriter(sink: TextSink): ResultWriter {
  let keys: string[] = [];
  let first = true;
  return {
    async begin(k) {
      keys = k;
      await sink.write('[');
    },
    async row(values) {
      const object = Object.fromEntries(keys.map((key, i) => [key, toJsonValue(values[i])]));
      await sink.write(`${first ? '\n' : ',\n'}${JSON.stringify(object)}`);
      first = false;
    },
    end: () => sink.write(first ? ']\n' : '\n]\n'),
  };
}

function assertNever(value: never): never {
  throw new Error(`unexpected format ${String(value)}`);
}
