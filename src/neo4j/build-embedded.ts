import { spawn } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../config.ts';
import { AppError, ErrorCode } from '../errors.ts';
import type { Logger } from '../logger.ts';

/** The Maven project holding the launcher; its pom pins Neo4j and APOC. */
export const embeddedProjectDir = path.join(projectRoot, 'embedded');

export interface EmbeddedBuild {
  /** The JVM class path: the launcher's classes, Neo4j and APOC jars from the local Maven cache. */
  classPath: string;
  /** Holds the APOC jars; Neo4j scans it for procedures. */
  pluginsDir: string;
}

export interface BuildEmbeddedOptions {
  logger: Logger;
  javaHome?: string | undefined;
  /** Another copy of the Maven project (tests break their copy's network, not ours). */
  projectDir?: string;
  /** Run Maven even when the build is up to date. */
  force?: boolean;
  /** Extra Maven arguments, e.g. `-s settings.xml`. */
  mavenArgs?: string[];
  /** PATH to find `mvn` in; defaults to this process's. */
  searchPath?: string | undefined;
}

/**
 * Resolves Neo4j + APOC with Maven (from Maven Central into ~/.m2 on first use) and compiles the
 * launcher, unless a build newer than its sources exists.
 */
export async function buildEmbedded(options: BuildEmbeddedOptions): Promise<EmbeddedBuild> {
  const projectDir = options.projectDir ?? embeddedProjectDir;
  const target = path.join(projectDir, 'target');
  const classPathFile = path.join(target, 'classpath.txt');
  const build: EmbeddedBuild = { classPath: '', pluginsDir: path.join(target, 'plugins') };
  // Maven leaves classpath.txt untouched when its content is unchanged, so a stamp of our own
  // records when the last build succeeded.
  const stamp = path.join(target, '.entente-build-stamp');
  if (options.force || !(await isUpToDate(projectDir, stamp))) {
    const started = Date.now();
    options.logger.info('Preparing the embedded Neo4j with Maven (the first run downloads Neo4j and APOC, about 150 MB)...');
    await runMaven(projectDir, options);
    await writeFile(stamp, new Date().toISOString());
    options.logger.info(`Embedded Neo4j prepared in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
  const dependencies = (await readFile(classPathFile, 'utf8')).trim();
  build.classPath = [path.join(target, 'classes'), dependencies].join(path.delimiter);
  return build;
}

async function isUpToDate(projectDir: string, output: string): Promise<boolean> {
  try {
    const built = (await stat(output)).mtimeMs;
    const sources = [path.join(projectDir, 'pom.xml'), path.join(projectDir, 'src/main/java/org/entente/EmbeddedNeo4j.java')];
    const times = await Promise.all(sources.map(async (file) => (await stat(file)).mtimeMs));
    return times.every((time) => time <= built);
  } catch {
    return false;
  }
}

function runMaven(projectDir: string, options: BuildEmbeddedOptions): Promise<void> {
  return new Promise((resolve, reject) => {
    const output: string[] = [];
    const env = {
      ...process.env,
      ...(options.javaHome ? { JAVA_HOME: options.javaHome } : {}),
      ...(options.searchPath !== undefined ? { PATH: options.searchPath } : {}),
    };
    const args = ['-B', '-q', ...(options.mavenArgs ?? []), 'package'];
    const child = spawn('mvn', args, { cwd: projectDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const keep = (chunk: Buffer) => {
      output.push(chunk.toString());
      if (output.length > 200) output.shift();
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') {
        reject(new AppError(ErrorCode.MAVEN_NOT_FOUND, 'Maven (`mvn`) was not found on PATH.', {
          cause: error,
          hint: 'The embedded Neo4j is resolved from Maven Central with Maven: install it (e.g. `apt-get install maven`), or set NEO4J_URI to use your own Neo4j 5 server.',
        }));
      } else {
        reject(error);
      }
    });
    child.on('close', (code) => {
      if (code === 0) return resolve();
      const text = output.join('');
      const unreachable = /Could not (transfer|resolve)|Unknown host|Connection (refused|timed out)|Network is unreachable/i.test(text);
      reject(new AppError(ErrorCode.MAVEN_RESOLVE_FAILED, `Maven could not prepare the embedded Neo4j (exit code ${code}).`, {
        details: { output: text.slice(-4000) },
        hint: unreachable
          ? 'Maven Central looks unreachable: check the network, a proxy or ~/.m2/settings.xml mirror settings. Details:\n' + lastLines(text, 8)
          : `See the Maven output:\n${lastLines(text, 15)}`,
      }));
    });
  });
}

function lastLines(text: string, count: number): string {
  return text.trim().split('\n').slice(-count).join('\n');
}
