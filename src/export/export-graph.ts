import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { Driver } from 'neo4j-driver';
import { AppError, ErrorCode } from '../errors.ts';
import type { Logger } from '../logger.ts';
import { writeCsvDirectory } from './csv.ts';
import { writeCypherScript } from './cypher-script.ts';
import { writeGraphml } from './graphml.ts';
import { writeJson, writeJsonLines } from './json.ts';
import { type ProgressReporter, withProgress } from './progress.ts';
import { type GraphSelection, readGraph } from './read-graph.ts';
import { directorySink, fileSink, streamSink, type TextSink } from '../io/sink.ts';
import type { GraphSource } from './graph-source.ts';

export const EXPORT_FORMATS = ['cypher', 'csv', 'graphml', 'json', 'jsonl'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

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
  if (options.format === 'csv' && options.out === undefined) {
    throw new AppError(ErrorCode.USAGE, 'The csv format writes one file per label and type: give a directory with --out.');
  }
  const source = await readGraph(options, options.selection);
  const counts = { nodes: 0, relationships: 0 };
  const reporter = options.progress?.({ nodes: source.schema.nodeCount, relationships: source.schema.relationshipCount });
  const counted = withProgress(source, reporter, counts);
  options.logger.info(`Exporting ${source.schema.nodeCount} nodes and ${source.schema.relationshipCount} relationships as ${options.format}`);

  let bytes = 0;
  let files: string[] = [];
  try {
    if (options.format === 'csv') {
      const dir = await directorySink(options.out as string);
      await writeCsvDirectory(counted, dir, { arrayDelimiter: options.arrayDelimiter, batchSize: options.batchSize });
      bytes = dir.bytes;
      files = dir.files.map((f) => path.join(options.out as string, f));
    } else {
      if (options.out !== undefined) await refuseDirectory(options.out);
      const sink = options.out === undefined ? streamSink(options.stdout ?? process.stdout, { end: false }) : fileSink(options.out);
      await writeSingle(options.format, counted, sink, options.batchSize);
      await sink.close();
      bytes = sink.bytes;
      files = options.out === undefined ? [] : [options.out];
    }
  } finally {
    reporter?.done();
  }
  return { format: options.format, nodes: counts.nodes, relationships: counts.relationships, bytes, files, ms: Date.now() - started };
}

function writeSingle(format: Exclude<ExportFormat, 'csv'>, source: GraphSource, sink: TextSink, batchSize: number | undefined): Promise<void> {
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

async function refuseDirectory(out: string): Promise<void> {
  const info = await stat(out).catch(() => undefined);
  if (info?.isDirectory()) throw new AppError(ErrorCode.USAGE, `--out ${out} is a directory; this format writes one file.`);
}

function assertNever(value: never): never {
  throw new Error(`unexpected format ${String(value)}`);
}
