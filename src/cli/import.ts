/**
 * `entente import [--format cypher|csv] FILE|DIR [--force]`: loads an export into an empty
 * database, all-or-nothing.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { type Command, Option } from 'commander';
import { AppError, ErrorCode } from '../errors.ts';
import { computeGraphChecksum } from '../store/compute-graph-checksum.ts';
import { importCsvDirectory } from '../import/import-csv.ts';
import { importCypherScript } from '../import/import-cypher.ts';
import { formatBytes, wholeNumber } from './export.ts';
import { runWithDatabase } from './run-with-database.ts';

interface ImportCommandOptions {
  format?: 'cypher' | 'csv';
  force?: boolean;
  batchSize?: string;
  arrayDelimiter?: string;
  checksum?: boolean;
}

export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description('Load a Cypher or CSV export into an empty database, all-or-nothing')
    .argument('<path>', 'a .cypher file, or a directory written by export --format csv')
    .addOption(new Option('--format <format>', 'cypher or csv (default: csv for a directory, cypher for a file)').choices(['cypher', 'csv']))
    .option('--force', 'import even though the database already holds nodes (they are kept)')
    .option('--batch-size <n>', 'rows per write (csv)')
    .option('--array-delimiter <char>', 'list separator inside CSV cells (default: the manifest\'s, else ;)')
    .option('--checksum', "log the graph's checksum afterwards (compare it with export --checksum)")
    .addHelpText(
      'after',
      `
Constraints and indexes are created first (Neo4j cannot create them inside the data transaction),
then all data is written in ONE transaction. If anything fails, the transaction is rolled back and
the constraints and indexes the import created are dropped: the database is left as it was.`,
    )
    .action(async (target: string, options: ImportCommandOptions) => {
      const resolved = path.resolve(target);
      const info = await stat(resolved).catch(() => undefined);
      if (!info) throw new AppError(ErrorCode.USAGE, `${target} does not exist.`);
      const format = options.format ?? (info.isDirectory() ? 'csv' : 'cypher');
      if (format === 'csv' && !info.isDirectory()) throw new AppError(ErrorCode.USAGE, `--format csv imports a directory; ${target} is a file.`);
      if (format === 'cypher' && info.isDirectory()) throw new AppError(ErrorCode.USAGE, `--format cypher imports a file; ${target} is a directory.`);
      const batchSize = options.batchSize === undefined ? undefined : wholeNumber(options.batchSize, '--batch-size', 1);
      await runWithDatabase(async (db, { logger }) => {
        let lastLog = Date.now();
        const common = {
          driver: db.driver,
          database: db.database,
          logger,
          force: options.force === true,
          onProgress: (done: { nodes: number; relationships: number }) => {
            if (Date.now() - lastLog < 5000) return;
            lastLog = Date.now();
            logger.info(`Imported so far: ${done.nodes} nodes, ${done.relationships} relationships (not yet committed)`);
          },
        };
        const stats =
          format === 'csv'
            ? await importCsvDirectory(resolved, { ...common, batchSize, arrayDelimiter: options.arrayDelimiter })
            : await importCypherScript(resolved, common);
        const size = info.isDirectory() ? '' : ` (${formatBytes(info.size)})`;
        logger.info(
          `Imported ${stats.nodes} nodes and ${stats.relationships} relationships from ${target}${size} ` +
            `with ${stats.schemaStatements} schema statements in ${(stats.ms / 1000).toFixed(1)} s`,
        );
        if (options.checksum) {
          const checksum = await computeGraphChecksum(db);
          logger.info(`Graph checksum ${checksum.checksum} (${checksum.nodes} nodes, ${checksum.relationships} relationships)`);
        }
      });
    });
}
