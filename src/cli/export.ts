/**
 * `entente export --format cypher|csv|graphml|json|jsonl [--out FILE|DIR] [--labels ...] [--ids ...]
 * [--around ID --depth N]`: writes the graph (or a slice) for other tools, streaming.
 */
import path from 'node:path';
import { type Command, Option } from 'commander';
import { AppError, ErrorCode } from '../errors.ts';
import { checkOutPath } from '../export/check-out-path.ts';
import { EXPORT_FORMATS, type ExportFormat, isDirectoryFormat } from '../export/export-formats.ts';
import { terminalProgress } from '../export/progress.ts';

interface ExportCommandOptions {
  format: ExportFormat;
  out?: string;
  labels?: string;
  ids?: string;
  types?: string;
  around?: string;
  force?: boolean;
  depth?: string;
  batchSize?: string;
  arrayDelimiter?: string;
  progress: boolean;
  checksum?: boolean;
}

export function registerExportCommand(program: Command): void {
  program
    .command('export')
    .description('Export the graph (or a slice of it) as a Cypher script, neo4j-admin CSV, GraphML, JSON, JSON Lines, or plain nodes/edges tables (CSV or Parquet)')
    .addOption(new Option('--format <format>', 'output format').choices([...EXPORT_FORMATS]).makeOptionMandatory())
    .option('--out <path>', 'file to write (a directory for csv, tables and parquet); stdout when omitted')
    .option('--labels <labels>', 'only nodes with one of these labels (comma-separated)')
    .option('--ids <ids>', 'only the nodes with these ids (comma-separated)')
    .option('--types <types>', 'only relationships of these types (comma-separated)')
    .option('--around <id>', 'only nodes within --depth hops of this node')
    .option('--depth <n>', 'hops for --around', '1')
    .option('--batch-size <n>', 'rows per UNWIND statement (cypher) or per write (csv)')
    .option('--array-delimiter <char>', 'list separator inside CSV cells', ';')
    .option('--force', 'replace an existing --out file (or write into a directory that holds files)')
    .option('--no-progress', 'no progress line on the terminal')
    .option('--checksum', "also log the database graph's checksum (compare it after an import)")
    .addHelpText(
      'after',
      `
Formats: graphml for Gephi, NetworkX and igraph; tables (nodes.csv, edges.csv) and parquet
(nodes.parquet, edges.parquet) for pandas, polars, DuckDB and R; json and jsonl for anything;
cypher for cypher-shell or entente import; csv for neo4j-admin database import or entente import.
Relationships are exported when both their ends are. Internal labels and properties (starting with _) are left out.
Every export of the same graph is the same bytes.
Examples:
  entente export --format cypher --out graph.cypher
  entente export --format csv --out graph-csv/
  entente export --format graphml --labels Commitment,Country --out commitments.graphml
  entente export --format parquet --out graph-parquet/
  entente export --format jsonl --around liege-attack-2018 --depth 2 > liege.jsonl`,
    )
    .action(async (options: ExportCommandOptions) => {
      const selection = {
        labels: splitList(options.labels),
        ids: splitList(options.ids),
        types: splitList(options.types),
        around: options.around === undefined ? undefined : { id: options.around, depth: wholeNumber(options.depth ?? '1', '--depth') },
      };
      const batchSize = options.batchSize === undefined ? undefined : wholeNumber(options.batchSize, '--batch-size', 1);
      const out = options.out === undefined ? undefined : path.resolve(options.out);
      // Before the database opens (an embedded one takes a while): a bad path fails at once.
      if (out !== undefined) await checkOutPath(out, { directory: isDirectoryFormat(options.format), force: options.force === true });
      // Loaded here, not above: `entente export --help` need not load the driver and the writers.
      const [{ runWithDatabase }, { exportGraph }, { computeGraphChecksum }] = await Promise.all([
        import('./run-with-database.ts'),
        import('../export/export-graph.ts'),
        import('../store/compute-graph-checksum.ts'),
      ]);
      await runWithDatabase(async (db, { logger }) => {
        const stats = await exportGraph({
          driver: db.driver,
          database: db.database,
          format: options.format,
          out,
          force: options.force,
          selection,
          logger,
          batchSize,
          arrayDelimiter: options.arrayDelimiter,
          progress: options.progress ? (totals) => terminalProgress(process.stderr, totals) : undefined,
        });
        logger.info(
          `Exported ${stats.nodes} nodes and ${stats.relationships} relationships as ${stats.format} ` +
            `(${formatBytes(stats.bytes)} in ${(stats.ms / 1000).toFixed(1)} s)${options.out ? ` to ${options.out}` : ''}`,
        );
        if (options.checksum) {
          const checksum = await computeGraphChecksum(db);
          logger.info(`Graph checksum ${checksum.checksum} (${checksum.nodes} nodes, ${checksum.relationships} relationships)`);
        }
      });
    });
}

export function splitList(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const items = text.split(',').map((s) => s.trim()).filter(Boolean);
  return items.length > 0 ? items : undefined;
}

export function wholeNumber(text: string, option: string, min = 0): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) throw new AppError(ErrorCode.USAGE, `${option} ${text}: expected a whole number of at least ${min}.`);
  return value;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MiB`;
}
