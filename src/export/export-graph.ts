import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { AppError, ErrorCode } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { checkOutPath } from './check-out-path.ts';
import { writeCsvDirectory } from './csv.ts';
import { writeCsvTables } from './csv-tables.ts';
import { writeParquetTables } from './parquet-tables.ts';
import { writeCypherScript } from './cypher-script.ts';
import { writeGraphml } from './graphml.ts';
import { writeJson, writeJsonLines } from './json.ts';
import { type ProgressReporter, withProgress } from './progress.ts';
import { type GraphSelection, readGraph } from './read-graph.ts';
import { directorySink, fileSink, streamSink, type TextSink } from '../io/sink.ts';
import type { GraphSource } from './graph-source.ts';
import { type DirectoryFormat, type ExportFormat, isDirectoryFormat } from './export-formats.ts';

export { EXPORT_FORMATS, type ExportFormat } from './export-formats.ts';

export interface ExportGraphOptions {
  driver: Driver;
  database: string;
  format: ExportFormat;
  /** A file, or for csv a directory; undefined = stdout (not for csv). */
  out: string | undefined;
  selection?: GraphSelection;
  logger: Logger;
  /** Made once the totals are known; undefined for none. */
  progress?: (totals: { nodes: number; relationships: number }) => ProgressReporter | undefined;
  /** Rows per statement (cypher) or per write (csv). */
  batchSize?: number;
  arrayDelimiter?: string;
  /** Replace an existing --out file, or write into a directory that holds files. */
  force?: boolean;
  stdout?: import('node:stream').Writable;
}

export interface ExportStats {
  format: ExportFormat;
  nodes: number;
  relationships: number;
  bytes: number;
  files: string[];
  ms: number;
}

/** Reads the selected graph from Neo4j and writes it in one format, streaming all the way. */
export async function exportGraph(options: ExportGraphOptions): Promise<ExportStats> {
  const started = Date.now();
  if (isDirectoryFormat(options.format) && options.out === undefined) {
    throw new AppError(ErrorCode.USAGE, `The ${options.format} format writes several files: give a directory with --out.`, {
      hint: `entente export --format ${options.format} --out graph-${options.format}/`,
    });
  }
  if (options.out !== undefined) await checkOutPath(options.out, { directory: isDirectoryFormat(options.format), force: options.force === true });
  const source = await readGraph(options, options.selection);
  const counts = { nodes: 0, relationships: 0 };
  const reporter = options.progress?.({ nodes: source.schema.nodeCount, relationships: source.schema.relationshipCount });
  const counted = withProgress(source, reporter, counts);
  options.logger.info(`Exporting ${source.schema.nodeCount} nodes and ${source.schema.relationshipCount} relationships as ${options.format}`);

  let bytes = 0;
  let files: string[] = [];
  try {
    if (isDirectoryFormat(options.format)) {
      const written = await writeDirectory(options.format, counted, options.out as string, options);
      bytes = written.bytes;
      files = written.files.map((f) => path.join(options.out as string, f));
    } else {
      const sink = options.out === undefined ? streamSink(options.stdout ?? process.stdout, { end: false }) : fileSink(options.out);
      await writeSingle(options.format, counted, sink, options.batchSize);
      await sink.close();
      bytes = sink.bytes;
      files = options.out === undefined ? [] : [options.out];
    }
  } catch (error) {
    throw writeFailure(error, options.out);
  } finally {
    reporter?.done();
  }
  return { format: options.format, nodes: counts.nodes, relationships: counts.relationships, bytes, files, ms: Date.now() - started };
}

async function writeDirectory(format: DirectoryFormat, source: GraphSource, out: string, options: ExportGraphOptions): Promise<{ bytes: number; files: string[] }> {
  const dir = await directorySink(out);
  switch (format) {
    case 'csv':
      await writeCsvDirectory(source, dir, { arrayDelimiter: options.arrayDelimiter, batchSize: options.batchSize });
      return { bytes: dir.bytes, files: [...dir.files] };
    case 'tables':
      await writeCsvTables(source, dir, { batchSize: options.batchSize });
      return { bytes: dir.bytes, files: [...dir.files] };
    case 'parquet': {
      const files = await writeParquetTables(source, out, { batchSize: options.batchSize });
      const sizes = await Promise.all(files.map((f) => stat(path.join(out, f)).then((s) => s.size)));
      return { bytes: sizes.reduce((a, b) => a + b, 0), files };
    }
    default:
      return assertNever(format);
  }
}

function writeSingle(format: Exclude<ExportFormat, DirectoryFormat>, source: GraphSource, sink: TextSink, batchSize: number | undefined): Promise<void> {
  switch (format) {
    case 'cypher':
      return writeCypherScript(source, sink, { batchSize });
    case 'graphml':
      return writeGraphml(source, sink);
    case 'json':
      return writeJson(source, sink);
    case 'jsonl':
      return writeJsonLines(source, sink);
    default:
      return assertNever(format);
  }
}

/** A file system failure while writing (disk full, permissions) names the path, not a stack trace. */
function writeFailure(error: unknown, out: string | undefined): unknown {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (error instanceof AppError || typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return error;
  const where = (error as NodeJS.ErrnoException).path ?? out ?? 'stdout';
  return new AppError(ErrorCode.EXPORT_FAILED, `Could not write ${where}: ${(error as Error).message}`, {
    cause: error,
    details: { path: where, errno: code },
    hint: code === 'ENOSPC' ? 'The disk is full.' : code === 'EACCES' || code === 'EPERM' ? 'Choose a place you may write to.' : undefined,
  });
}

function assertNever(value: never): never {
  throw new Error(`unexpected format ${String(value)}`);
}
