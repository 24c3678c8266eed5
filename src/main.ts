import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { AppError, ErrorCode } from './errors.ts';

type RegisterCommand = (program: Command) => void;

interface CommandEntry {
  name: string;
  /** The line in `entente --help`; the command's own help comes from its module. */
  summary: string;
  /** Loaded only when the command runs or shows its help: `--version` and `--help` stay fast. */
  load: () => Promise<RegisterCommand>;
}

const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'serve',
    summary: 'Start Neo4j (embedded unless NEO4J_URI is set), seed it if empty or outdated, and serve GraphQL',
    load: async () => (await import('./cli/serve.ts')).registerServeCommand,
  },
  {
    name: 'prepare',
    summary: 'Resolve the embedded Neo4j and APOC with Maven and compile the launcher (done by the first start otherwise)',
    load: async () => (await import('./cli/prepare.ts')).registerPrepareCommand,
  },
  {
    name: 'seed',
    summary: 'Validate the seed files and load them into Neo4j (one transaction; re-running changes nothing)',
    load: async () => (await import('./cli/seed.ts')).registerSeedCommand,
  },
  {
    name: 'export',
    summary: 'Export the graph (or a slice of it) for Gephi, NetworkX, pandas, DuckDB, neo4j-admin or cypher-shell',
    load: async () => (await import('./cli/export.ts')).registerExportCommand,
  },
  {
    name: 'import',
    summary: 'Load a Cypher or CSV export into an empty database, all-or-nothing',
    load: async () => (await import('./cli/import.ts')).registerImportCommand,
  },
  {
    name: 'cypher',
    summary: 'Run a read-only Cypher query (writes are refused) and print the rows',
    load: async () => (await import('./cli/cypher.ts')).registerCypherCommand,
  },
];

/** The CLI edge: parse, dispatch, and turn failures into a message and an exit code once. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('entente')
    .description('Security-cooperation policy documents as a Neo4j knowledge graph, served over GraphQL.')
    .version(packageVersion())
    .showHelpAfterError()
    .exitOverride();
  try {
    const wanted = requestedCommand(argv.slice(2));
    for (const entry of COMMANDS) {
      if (entry.name === wanted) (await entry.load())(program);
      // Listed for help and "did you mean", never run: the named command is the only one loaded.
      else program.command(entry.name).summary(entry.summary);
    }
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return report(error);
  }
}

/** The command the arguments name (`entente help export` names export), if any. */
function requestedCommand(args: string[]): string | undefined {
  const operands = args.filter((arg) => !arg.startsWith('-'));
  return operands[0] === 'help' ? operands[1] : operands[0];
}

function report(error: unknown): number {
  if (error instanceof CommanderError) {
    // commander already printed help or the usage problem
    return error.exitCode === 0 ? 0 : 2;
  }
  if (error instanceof AppError) {
    process.stderr.write(`entente: ${error.message} [${error.code}]\n`);
    if (error.hint) process.stderr.write(`  ${error.hint.replace(/\n/g, '\n  ')}\n`);
    if (error.code === ErrorCode.INTERRUPTED) return typeof process.exitCode === 'number' ? process.exitCode : 130;
    // 2: the command line or the query was wrong (fix the input); 1: it could not be done.
    return error.code === ErrorCode.USAGE || error.code === ErrorCode.QUERY_INVALID ? 2 : 1;
  }
  process.stderr.write(`entente: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}

function packageVersion(): string {
  const manifest = createRequire(import.meta.url)('../package.json') as { version: string };
  return manifest.version;
}
