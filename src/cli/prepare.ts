import type { Command } from 'commander';
import { loadConfig } from '../config.ts';
import { createLogger } from '../logger.ts';
import { buildEmbedded } from '../neo4j/build-embedded.ts';
import { findJava } from '../neo4j/find-java.ts';

export function registerPrepareCommand(program: Command): void {
  program
    .command('prepare')
    .description('Resolve the embedded Neo4j and APOC with Maven and compile the launcher (done by the first start otherwise)')
    .option('--force', 'run Maven even when the build is up to date')
    .action(async (options: { force?: boolean }) => {
      const config = loadConfig();
      const logger = createLogger({ level: config.logLevel });
      const java = await findJava({ javaHome: config.embedded.javaHome });
      const build = await buildEmbedded({ logger, javaHome: config.embedded.javaHome, force: options.force === true });
      logger.info(`Embedded Neo4j ready to start with Java ${java.major} (${build.classPath.split(':').length} class path entries)`);
    });
}
