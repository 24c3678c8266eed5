import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { registerPrepareCommand } from './cli/prepare.ts';
import { registerServeCommand } from './cli/serve.ts';
import { registerSeedCommand } from './cli/seed.ts';
import { registerExportCommand } from './cli/export.ts';
import { registerImportCommand } from './cli/import.ts';
import { registerCypherCommand } from './cli/cypher.ts';
import { AppError, ErrorCode } from './errors.ts';

/** The CLI edge: parse, dispatch, and turn failures into a message and an exit code once. */
export async function main(argv: string[]): Promise<number> {
  const program = new Command('entente')
    .description('Security-cooperation policy documents as a Neo4j knowledge graph, served over GraphQL.')
    .version(packageVersion())
    .showHelpAfterError()
    .exitOverride();
  registerServeCommand(program);
  registerPrepareCommand(program);
  registerSeedCommand(program);
  registerExportCommand(program);
  registerImportCommand(program);
  registerCypherCommand(program);
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return report(error);
  }
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
    return error.code === ErrorCode.USAGE ? 2 : 1;
  }
  process.stderr.write(`entente: unexpected error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  return 1;
}

function packageVersion(): string {
  const manifest = createRequire(import.meta.url)('../package.json') as { version: string };
  return manifest.version;
}
