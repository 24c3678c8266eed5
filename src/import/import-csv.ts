import { createReadStream } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse';
import type { Transaction } from 'neo4j-driver';
import { AppError, ErrorCode } from '../errors.ts';
import { type CsvManifest, MANIFEST_FILE } from '../formats/csv/csv-manifest.ts';
import { cypherName } from '../values/cypher-literal.ts';
import { idempotent } from '../formats/cypher/idempotent.ts';
import { type CsvHeader, type HeaderColumn, parseCsvHeader } from '../formats/csv/csv-header.ts';
import { type Cell, CONVERTED_IN_CYPHER, type ConvertedRow, convertCsvRow, QUOTED_EMPTY } from './convert-csv-row.ts';
import { importError, type ImportOptions, type ImportStats, inOneTransaction, runAndRelease, runImport } from './import-support.ts';

export interface CsvImportOptions extends ImportOptions {
  /** Overrides the manifest's; `;` when there is no manifest. */
  arrayDelimiter?: string;
  batchSize?: number;
}

interface FilePlan {
  file: string;
  header: CsvHeader;
  /** From the manifest: labels when the file has no :LABEL column, type when no :TYPE. */
  labels?: string[];
  type?: string;
}

/**
 * Loads a CSV export (neo4j-admin header format, as `entente export --format csv` writes it)
 * into the database, all-or-nothing. LOAD CSV cannot be used (it reads files through the
 * server, which an embedded or remote Neo4j restricts), so Node parses the files and writes
 * UNWIND batches, all in ONE transaction. Constraints and indexes from `manifest.json` are
 * created first (they cannot share that transaction) and dropped again if the import fails.
 */
export function importCsvDirectory(dir: string, options: CsvImportOptions): Promise<ImportStats> {
  return runImport(options, async (schema) => {
    const manifest = await readManifest(dir);
    const delimiter = options.arrayDelimiter ?? manifest?.arrayDelimiter ?? ';';
    const plans = await planFiles(dir, manifest);
    const batchSize = options.batchSize ?? 1000;
    const keyLabels = new Set(manifest?.keyLabels ?? []);
    let nodes = 0;
    let relationships = 0;
    for (const statement of [...(manifest?.constraints ?? []), ...(manifest?.indexes ?? [])]) await schema.run(idempotent(statement));
    if (schema.count > 0) await schema.run('CALL db.awaitIndexes(300)');

    await inOneTransaction(options, async (tx) => {
      // Which label to find each node by when linking: ids only, so memory grows with the node count.
      const keyLabelOfId = new Map<string, string>();
      let idProperty: string | undefined;
      for (const plan of plans.filter((p) => p.header.kind === 'nodes')) {
        const idColumn = plan.header.columns.find((c): c is Extract<HeaderColumn, { kind: 'id' }> => c.kind === 'id');
        if (!idColumn?.property) throw invalid(plan.file, 'the ID column must name the property that holds it (e.g. id:ID)');
        if (idProperty !== undefined && idProperty !== idColumn.property) {
          throw invalid(plan.file, `ID property "${idColumn.property}" differs from "${idProperty}" in an earlier file`);
        }
        idProperty = idColumn.property;
        nodes += await importNodeFile(tx, dir, plan, delimiter, batchSize, (id, labels) => {
          if (keyLabelOfId.has(id)) throw invalid(plan.file, `node id "${id}" appears twice`);
          keyLabelOfId.set(id, labels.find((l) => keyLabels.has(l)) ?? labels[0] ?? '');
        });
        options.onProgress?.({ statements: 0, nodes, relationships });
      }
      for (const plan of plans.filter((p) => p.header.kind === 'relationships')) {
        relationships += await importRelationshipFile(tx, dir, plan, delimiter, batchSize, idProperty ?? 'id', keyLabelOfId);
        options.onProgress?.({ statements: 0, nodes, relationships });
      }
    });
    return { nodes, relationships };
  });
}

async function readManifest(dir: string): Promise<CsvManifest | undefined> {
  const text = await readFile(path.join(dir, MANIFEST_FILE), 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    if (error.code === 'ENOTDIR') throw new AppError(ErrorCode.USAGE, `${dir} is not a directory: the csv format imports a directory.`);
    throw error;
  });
  if (text === undefined) return undefined;
  try {
    const manifest = JSON.parse(text) as CsvManifest;
    if (manifest.format !== 'entente-csv') throw new Error('not an entente-csv manifest');
    return manifest;
  } catch (error) {
    throw new AppError(ErrorCode.IMPORT_INVALID, `${path.join(dir, MANIFEST_FILE)} is not a valid manifest: ${(error as Error).message}`);
  }
}

/** The files to load: the manifest's, or every *.csv in the directory, nodes before relationships. */
async function planFiles(dir: string, manifest: CsvManifest | undefined): Promise<FilePlan[]> {
  const entries: { file: string; labels?: string[]; type?: string }[] = manifest
    ? [...manifest.nodeFiles.map((f) => ({ file: f.file, labels: f.labels })), ...manifest.relationshipFiles.map((f) => ({ file: f.file, type: f.type }))]
    : (await readdir(dir).catch(() => {
        throw new AppError(ErrorCode.USAGE, `${dir} is not a readable directory.`);
      }))
        .filter((f) => f.endsWith('.csv'))
        .sort()
        .map((file) => ({ file }));
  if (entries.length === 0) throw new AppError(ErrorCode.IMPORT_INVALID, `${dir} holds no CSV files.`);
  const plans: FilePlan[] = [];
  for (const entry of entries) {
    const header = parseCsvHeader(await readHeader(path.join(dir, entry.file)), entry.file);
    plans.push({ file: entry.file, header, labels: entry.labels, type: entry.type });
  }
  return plans.sort((a, b) => Number(a.header.kind === 'relationships') - Number(b.header.kind === 'relationships'));
}

async function readHeader(file: string): Promise<string[]> {
  for await (const record of createReadStream(file).pipe(parse({ to_line: 1, relax_column_count: true }))) return record as string[];
  throw new AppError(ErrorCode.IMPORT_INVALID, `${path.basename(file)} is empty: a header row is needed.`);
}

/** Records of one file after its header, each with its line number. */
async function* records(dir: string, file: string): AsyncGenerator<{ cells: Cell[]; line: number }> {
  const parser = createReadStream(path.join(dir, file)).pipe(
    parse({
      from_line: 2,
      info: true,
      cast: (value, context) => (value === '' ? (context.quoting ? QUOTED_EMPTY : undefined) : value),
    }),
  );
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: Cell[]; info: { lines: number } }>) {
      yield { cells: record, line: info.lines };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw invalid(file, `unreadable CSV: ${(error as Error).message}`);
  }
}

/** `SET n.x = date(row.t.x), ...` for the columns Cypher converts. */
function typedAssignments(variable: string, columns: HeaderColumn[]): string {
  const parts = columns.flatMap((column) => {
    if (column.kind !== 'property' || !CONVERTED_IN_CYPHER.has(column.type.scalar)) return [];
    const source = `row.t.${cypherName(column.property)}`;
    const fn = column.type.scalar;
    const value = column.type.list ? `[v IN ${source} | ${fn}(v)]` : `${fn}(${source})`;
    return [`${variable}.${cypherName(column.property)} = ${value}`];
  });
  return parts.length === 0 ? '' : ` SET ${parts.join(', ')}`;
}

async function importNodeFile(
  tx: Transaction,
  dir: string,
  plan: FilePlan,
  delimiter: string,
  batchSize: number,
  remember: (id: string, labels: string[]) => void,
): Promise<number> {
  const columns = plan.header.columns;
  const idIndex = columns.findIndex((c) => c.kind === 'id');
  const idProperty = (columns[idIndex] as Extract<HeaderColumn, { kind: 'id' }>).property as string;
  const labelIndexes = columns.flatMap((c, i) => (c.kind === 'label' ? [i] : []));
  const assignments = typedAssignments('n', columns);
  const batches = new Map<string, { labels: string[]; rows: ConvertedRow[] }>();
  let created = 0;
  const flush = async (batch: { labels: string[]; rows: ConvertedRow[] }) => {
    if (batch.rows.length === 0) return;
    const labels = batch.labels.map(cypherName).join(':');
    const statement = `UNWIND $rows AS row CREATE (n${labels ? `:${labels}` : ''}) SET n = row.p${assignments}`;
    try {
      await runAndRelease(tx, statement, { rows: batch.rows.map((r) => ({ p: r.plain, t: r.typed })) });
    } catch (error) {
      throw importError(error, `${plan.file}: writing nodes failed`, statement);
    }
    created += batch.rows.length;
    batch.rows = [];
  };
  for await (const { cells, line } of records(dir, plan.file)) {
    const where = () => `${plan.file} line ${line}`;
    const id = cells[idIndex];
    if (id === undefined || id === QUOTED_EMPTY) throw new AppError(ErrorCode.IMPORT_INVALID, `${where()}: the node has no id.`);
    const fromColumns = labelIndexes.flatMap((i) => {
      const cell = cells[i];
      return cell === undefined || cell === QUOTED_EMPTY ? [] : cell.split(delimiter);
    });
    const labels = [...new Set([...(plan.labels && labelIndexes.length === 0 ? plan.labels : []), ...fromColumns])].filter((l) => l !== '').sort();
    if (labels.length === 0) throw new AppError(ErrorCode.IMPORT_INVALID, `${where()}: the node has no label.`);
    const row = convertCsvRow(columns, cells, delimiter, where);
    row.plain[idProperty] = id;
    remember(id, labels);
    const key = labels.join(':');
    let batch = batches.get(key);
    if (!batch) batches.set(key, (batch = { labels, rows: [] }));
    batch.rows.push(row);
    if (batch.rows.length >= batchSize) await flush(batch);
  }
  for (const batch of batches.values()) await flush(batch);
  return created;
}

async function importRelationshipFile(
  tx: Transaction,
  dir: string,
  plan: FilePlan,
  delimiter: string,
  batchSize: number,
  idProperty: string,
  keyLabelOfId: Map<string, string>,
): Promise<number> {
  const columns = plan.header.columns;
  const startIndex = columns.findIndex((c) => c.kind === 'start');
  const endIndex = columns.findIndex((c) => c.kind === 'end');
  const typeIndex = columns.findIndex((c) => c.kind === 'type');
  const assignments = typedAssignments('r', columns);
  interface Batch {
    type: string;
    startLabel: string;
    endLabel: string;
    rows: { s: string; e: string; p: Record<string, unknown>; t: Record<string, unknown> }[];
    firstLine: number;
  }
  const batches = new Map<string, Batch>();
  let created = 0;
  const flush = async (batch: Batch) => {
    if (batch.rows.length === 0) return;
    const statement =
      `UNWIND $rows AS row MATCH (a:${cypherName(batch.startLabel)} {${cypherName(idProperty)}: row.s}) ` +
      `MATCH (b:${cypherName(batch.endLabel)} {${cypherName(idProperty)}: row.e}) ` +
      `CREATE (a)-[r:${cypherName(batch.type)}]->(b) SET r = row.p${assignments}`;
    let made: number;
    try {
      made = (await runAndRelease(tx, statement, { rows: batch.rows })).counters.updates().relationshipsCreated;
    } catch (error) {
      throw importError(error, `${plan.file}: writing relationships failed`, statement);
    }
    if (made !== batch.rows.length) {
      throw new AppError(ErrorCode.IMPORT_INVALID, `${plan.file}: ${batch.rows.length - made} ${batch.type} relationships (from line ${batch.firstLine}) found no node at one end.`);
    }
    created += made;
    batch.rows = [];
  };
  for await (const { cells, line } of records(dir, plan.file)) {
    const where = () => `${plan.file} line ${line}`;
    const start = cells[startIndex];
    const end = cells[endIndex];
    const typeCell = typeIndex === -1 ? undefined : cells[typeIndex];
    const type = typeCell === undefined || typeCell === QUOTED_EMPTY ? plan.type : typeCell;
    if (type === undefined || type === '') throw new AppError(ErrorCode.IMPORT_INVALID, `${where()}: the relationship has no type.`);
    if (typeof start !== 'string' || typeof end !== 'string') throw new AppError(ErrorCode.IMPORT_INVALID, `${where()}: the relationship lacks a start or end id.`);
    const startLabel = keyLabelOfId.get(start);
    const endLabel = keyLabelOfId.get(end);
    if (startLabel === undefined || endLabel === undefined) {
      throw new AppError(ErrorCode.IMPORT_INVALID, `${where()}: no node has id "${startLabel === undefined ? start : end}".`);
    }
    const { plain, typed } = convertCsvRow(columns, cells, delimiter, where);
    const key = `${type}\u0000${startLabel}\u0000${endLabel}`;
    let batch = batches.get(key);
    if (!batch) batches.set(key, (batch = { type, startLabel, endLabel, rows: [], firstLine: line }));
    if (batch.rows.length === 0) batch.firstLine = line;
    batch.rows.push({ s: start, e: end, p: plain, t: typed });
    if (batch.rows.length >= batchSize) await flush(batch);
  }
  for (const batch of batches.values()) await flush(batch);
  return created;
}

function invalid(file: string, problem: string): AppError {
  return new AppError(ErrorCode.IMPORT_INVALID, `${file}: ${problem}.`, { details: { file } });
}
