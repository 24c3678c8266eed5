/**
 * `entente cypher "QUERY" [--param name=value]... [--format table|csv|json] [--timeout 30s]`:
 * a researcher's own read-only query against the same database as the server.
 */
import { readFile } from 'node:fs/promises';
import { type Command, Option } from 'commander';
import { AppError, ErrorCode } from '../errors.ts';
import { streamSink } from '../io/sink.ts';
import { OUTPUT_FORMATS, type OutputFormat } from '../cypher/output-formats.ts';

interface CypherCommandOptions {
  param: string[];
  format: OutputFormat;
  timeout: string;
  file?: string;
  internal?: boolean;
}

export function registerCypherCommand(program: Command): void {
  program
    .command('cypher')
    .description('Run a read-only Cypher query (writes are refused) and print the rows')
    .argument('[query]', 'the Cypher query; "-" reads it from stdin')
    .option('-f, --file <file>', 'read the query from a file')
    .option('--param <name=value>', 'a query parameter, repeatable (see below for types)', (value: string, all: string[]) => [...all, value], [])
    .addOption(new Option('--format <format>', 'output format').choices([...OUTPUT_FORMATS]).default('table'))
    .option('--timeout <duration>', 'stop the query after this long (e.g. 500ms, 30s, 2m)', '30s')
    .option('--internal', "show the store's bookkeeping on nodes and relationships (labels and properties starting with _)")
    .addHelpText(
      'after',
      `
Parameters: --param name=value infers the type: 42 (Integer), 4.2 or 1e3 (Float), true/false,
null, JSON lists and maps ('["FR","BE"]'; whole numbers in them are Integers), date('2018-05-29')
(also datetime, localdatetime, time, localtime, duration); anything else is a String.
Force a type with --param name:type=value (string, int, float, boolean, json, date, datetime, ...).
Neo4j's warnings about the query (an unknown label, a cartesian product) go to stderr; rows to stdout.
Exit codes: 0 rows printed (maybe none), 2 the query or an option is wrong, 1 anything else.
Examples:
  entente cypher "MATCH (c:Commitment) RETURN c.modality AS modality, count(*) AS n ORDER BY n DESC"
  entente cypher "MATCH (e:Event) WHERE e.date >= \\$since RETURN e.id, e.date" --param "since=date('2018-01-01')" --format csv
  entente cypher "MATCH (n) WHERE n.id IN \\$ids RETURN n" --param 'ids=["FR","BE"]' --format json`,
    )
    .action(async (queryArgument: string | undefined, options: CypherCommandOptions) => {
      // Loaded here, not above: `entente cypher --help` need not load the driver.
      const [{ createResultWriter }, { parseParams }, { parseTimeout, runReadQuery }, { runWithDatabase }] = await Promise.all([
        import('../cypher/format-results.ts'),
        import('../cypher/params.ts'),
        import('../cypher/run-read-query.ts'),
        import('./run-with-database.ts'),
      ]);
      const query = await readQuery(queryArgument, options.file);
      const params = parseParams(options.param);
      const timeoutMs = parseTimeout(options.timeout);
      await runWithDatabase(async (db, { logger }) => {
        const sink = streamSink(process.stdout, { end: false });
        const stats = await runReadQuery({
          driver: db.driver,
          database: db.database,
          query,
          params,
          timeoutMs,
          writer: createResultWriter(options.format, sink, { internal: options.internal === true }),
          onNotification: (text) => process.stderr.write(`entente: ${text}\n`),
        });
        await sink.close();
        logger.info(`${stats.rows} row${stats.rows === 1 ? '' : 's'} in ${stats.ms} ms`);
      });
    });
}

async function readQuery(argument: string | undefined, file: string | undefined): Promise<string> {
  if (file !== undefined && argument !== undefined) throw new AppError(ErrorCode.USAGE, 'Give the query either as an argument or with --file, not both.');
  let query: string | undefined;
  if (file !== undefined) query = await readFile(file, 'utf8');
  else if (argument === '-') query = await readStdin();
  else query = argument;
  if (query === undefined || query.trim() === '') {
    throw new AppError(ErrorCode.USAGE, 'No query given.', { hint: 'entente cypher "MATCH (n) RETURN count(n)"' });
  }
  return query.trim().replace(/;\s*$/, '');
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
