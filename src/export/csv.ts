import { stringify } from 'csv-stringify/sync';
import { AppError, ErrorCode } from '../errors.ts';
import type { GraphSource, NodeGroup, PropertyColumn, RelationshipGroup } from './graph-source.ts';
import { groupKey } from './graph-source.ts';
import { floatToText, integerToText, pointParts, propertyTypeOf, isTemporalType, type PropertyType, type ScalarType } from '../values/property-types.ts';
import type { DirectorySink, TextSink } from '../io/sink.ts';
import { CSV_TYPE_NAMES } from '../formats/csv/csv-column-types.ts';
import { type CsvManifest, MANIFEST_FILE } from '../formats/csv/csv-manifest.ts';

export interface CsvWriterOptions {
  /** Between list elements inside a cell; neo4j-admin's default is `;`. */
  arrayDelimiter?: string;
  /** Rows gathered per file before they are encoded and written. */
  batchSize?: number;
}

export const ADMIN_IMPORT_SCRIPT = 'neo4j-admin-import.sh';

/**
 * CSV in the header format of `neo4j-admin database import`: one file per label set
 * (`id:ID`, `:LABEL`, typed property columns such as `date:date` or `aliases:string[]`) and one
 * per relationship type (`:START_ID`, `:END_ID`, `:TYPE`, typed columns). Node ids form one
 * global id space, as Entente's ids are unique across the graph. Also writes `manifest.json`
 * (for `entente import`) and `neo4j-admin-import.sh` (the matching neo4j-admin command line).
 */
export async function writeCsvDirectory(source: GraphSource, dir: DirectorySink, options: CsvWriterOptions = {}): Promise<CsvManifest> {
  const delimiter = options.arrayDelimiter ?? ';';
  if (delimiter.length !== 1 || delimiter === ',' || delimiter === '"' || delimiter === '\n') {
    throw new AppError(ErrorCode.USAGE, `The array delimiter must be one character other than , " and newline (got ${JSON.stringify(delimiter)}).`);
  }
  const batchSize = options.batchSize ?? 1000;
  const { schema } = source;
  const usedNames = new Set<string>();

  const nodeFiles = new Map<string, CsvFile>();
  for (const group of schema.nodeGroups) {
    const name = uniqueFileName(`nodes_${group.labels.join('_')}`, usedNames);
    nodeFiles.set(groupKey(group.labels), new CsvFile(dir.open(name), name, nodeColumns(group), batchSize));
  }
  const relFiles = new Map<string, CsvFile>();
  for (const group of schema.relationshipGroups) {
    const name = uniqueFileName(`relationships_${group.type}`, usedNames);
    relFiles.set(group.type, new CsvFile(dir.open(name), name, relationshipColumns(group), batchSize));
  }
  for (const file of [...nodeFiles.values(), ...relFiles.values()]) await file.writeHeader();

  for await (const node of source.nodes()) {
    const file = nodeFiles.get(groupKey(node.labels));
    if (!file) throw changedDuringExport(`nodes labelled ${node.labels.join(':')}`);
    await file.add([node.properties.id, node.labels.join(delimiter)], node.properties, delimiter, () => describeNode(node.labels, node.properties.id));
  }
  for await (const rel of source.relationships()) {
    const file = relFiles.get(rel.type);
    if (!file) throw changedDuringExport(`${rel.type} relationships`);
    await file.add([rel.start.id, rel.end.id, rel.type], rel.properties, delimiter, () => `${rel.type} relationship ${rel.start.id} -> ${rel.end.id}`);
  }
  for (const file of [...nodeFiles.values(), ...relFiles.values()]) await file.close();

  const manifest: CsvManifest = {
    format: 'entente-csv',
    version: 1,
    arrayDelimiter: delimiter,
    nodeFiles: schema.nodeGroups.map((group) => ({
      file: nodeFiles.get(groupKey(group.labels))?.name ?? '',
      labels: group.labels,
      count: nodeFiles.get(groupKey(group.labels))?.rows ?? 0,
    })),
    relationshipFiles: schema.relationshipGroups.map((group) => ({
      file: relFiles.get(group.type)?.name ?? '',
      type: group.type,
      count: relFiles.get(group.type)?.rows ?? 0,
    })),
    constraints: schema.constraints,
    indexes: schema.indexes,
    keyLabels: schema.keyLabels,
  };
  const manifestSink = dir.open(MANIFEST_FILE);
  await manifestSink.write(`${JSON.stringify(manifest, null, 2)}\n`);
  await manifestSink.close();
  const script = dir.open(ADMIN_IMPORT_SCRIPT);
  await script.write(adminImportScript(manifest));
  await script.close();
  return manifest;
}

/** The neo4j-admin command that loads this folder into an empty database (run it from the folder). */
export function adminImportScript(manifest: CsvManifest): string {
  // Options taking lists (--nodes, --relationships) would swallow a database name after them,
  // and none may follow it: so the single-valued options go last, then the name.
  const args = [
    'neo4j-admin database import full',
    ...manifest.nodeFiles.map((f) => `  --nodes=${shellQuote(f.file)}`),
    ...manifest.relationshipFiles.map((f) => `  --relationships=${shellQuote(f.file)}`),
    '  --multiline-fields=true',
    `  --array-delimiter=${shellQuote(manifest.arrayDelimiter)}`,
    '  "${1:-neo4j}"',
  ];
  return [
    '#!/bin/sh',
    '# Loads this CSV export into an empty database with Neo4j\'s bulk importer (the database must be stopped).',
    '# Afterwards create the constraints and indexes listed in manifest.json (neo4j-admin does not).',
    'set -e',
    'cd "$(dirname "$0")"',
    `${args.join(' \\\n')}`,
    '',
  ].join('\n');
}

interface Column {
  header: string;
  /** undefined for the fixed leading columns. */
  property?: string;
  type?: PropertyType;
}

function nodeColumns(group: NodeGroup): Column[] {
  const id = group.properties.find((p) => p.name === 'id');
  if (!id || id.type === 'mixed' || id.type.list || id.type.scalar !== 'string') {
    throw new AppError(ErrorCode.EXPORT_FAILED, `Nodes labelled ${group.labels.join(':')} do not all have a string \`id\`.`, {
      hint: 'The CSV format identifies nodes by their `id` property.',
    });
  }
  return [{ header: 'id:ID' }, { header: ':LABEL' }, ...propertyColumns(group.properties.filter((p) => p.name !== 'id'), group.labels.join(':'))];
}

function relationshipColumns(group: RelationshipGroup): Column[] {
  return [{ header: ':START_ID' }, { header: ':END_ID' }, { header: ':TYPE' }, ...propertyColumns(group.properties, group.type)];
}

function propertyColumns(properties: PropertyColumn[], owner: string): Column[] {
  return properties.map((p) => {
    if (p.type === 'mixed') {
      throw new AppError(ErrorCode.EXPORT_FAILED, `Property "${p.name}" of ${owner} has values of different types; a CSV column holds one type.`, {
        details: { owner, property: p.name },
        hint: 'Export as cypher or jsonl, or make the property\'s type uniform.',
      });
    }
    if (p.name.includes(':') || p.name.startsWith(' ') || p.name.endsWith(' ')) {
      throw new AppError(ErrorCode.EXPORT_FAILED, `Property name "${p.name}" of ${owner} cannot be a neo4j-admin CSV header.`);
    }
    const type: PropertyType = { scalar: p.type.scalar ?? 'string', list: p.type.list };
    return { header: `${p.name}:${CSV_TYPE_NAMES[type.scalar ?? 'string']}${type.list ? '[]' : ''}`, property: p.name, type };
  });
}

class CsvFile {
  rows = 0;
  private buffer: unknown[][] = [];
  private readonly sink: TextSink;
  readonly name: string;
  private readonly columns: Column[];
  private readonly batchSize: number;

  constructor(sink: TextSink, name: string, columns: Column[], batchSize: number) {
    this.sink = sink;
    this.name = name;
    this.columns = columns;
    this.batchSize = batchSize;
  }

  writeHeader(): Promise<void> {
    return this.sink.write(stringify([this.columns.map((c) => c.header)]));
  }

  async add(fixed: unknown[], properties: Record<string, unknown>, delimiter: string, describe: () => string): Promise<void> {
    const row: unknown[] = [...fixed];
    for (const column of this.columns) {
      if (column.property === undefined) continue;
      const value = properties[column.property];
      row.push(value === undefined || value === null ? undefined : csvCell(value, column, delimiter, describe));
    }
    this.buffer.push(row);
    this.rows += 1;
    if (this.buffer.length >= this.batchSize) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    await this.sink.close();
  }

  private async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    // Empty strings are quoted ("") so that they stay apart from absent values (empty cells).
    const text = stringify(this.buffer, { quoted_match: /^$/ });
    this.buffer = [];
    await this.sink.write(text);
  }
}

/** One cell's text for a typed column; lists joined by the array delimiter. */
export function csvCell(value: unknown, column: { property?: string; type?: PropertyType }, delimiter: string, describe: () => string): string {
  const type = propertyTypeOf(value);
  const expected = column.type;
  if (!type || !expected || type.list !== expected.list || (type.scalar !== undefined && type.scalar !== expected.scalar)) {
    throw new AppError(ErrorCode.EXPORT_FAILED, `Property "${column.property}" of ${describe()} does not have its column's type.`);
  }
  if (!type.list) return scalarCell(value, expected.scalar ?? 'string');
  const items = value as unknown[];
  return items
    .map((item) => {
      const text = scalarCell(item, expected.scalar ?? 'string');
      if (text.includes(delimiter) || text === '') {
        throw new AppError(ErrorCode.EXPORT_FAILED, `A list element of "${column.property}" on ${describe()} is empty or contains the array delimiter "${delimiter}".`, {
          details: { element: text },
          hint: 'neo4j-admin cannot escape the array delimiter: choose another one with --array-delimiter, or export as cypher.',
        });
      }
      return text;
    })
    .join(delimiter);
}

function scalarCell(value: unknown, type: ScalarType): string {
  if (isTemporalType(type)) return String(value);
  switch (type) {
    case 'string':
      return value as string;
    case 'integer':
      return integerToText(value);
    case 'float':
      return floatToText(value as number);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'point': {
      const p = pointParts(value);
      return `{srid:${p.srid},x:${floatToText(p.x)},y:${floatToText(p.y)}${p.z === undefined ? '' : `,z:${floatToText(p.z)}`}}`;
    }
    default:
      return assertNever(type);
  }
}

function describeNode(labels: string[], id: unknown): string {
  return `${labels.join(':')} node ${String(id)}`;
}

function uniqueFileName(base: string, used: Set<string>): string {
  const safe = base.replace(/[^A-Za-z0-9_.-]/g, '_');
  let name = `${safe}.csv`;
  for (let n = 2; used.has(name.toLowerCase()); n += 1) name = `${safe}_${n}.csv`;
  used.add(name.toLowerCase());
  return name;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

function changedDuringExport(what: string): AppError {
  return new AppError(ErrorCode.EXPORT_FAILED, `The graph changed during the export: ${what} appeared after the schema was read.`, {
    hint: 'Run the export again while nothing writes to the database.',
  });
}

function assertNever(value: never): never {
  throw new Error(`unexpected type ${String(value)}`);
}
