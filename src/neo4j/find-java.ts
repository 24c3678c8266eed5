import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { AppError, ErrorCode } from '../errors.ts';

const run = promisify(execFile);

/** Neo4j 5.26 runs on Java 17 and 21 only. */
export const SUPPORTED_JAVA_MAJORS = [17, 21] as const;

export interface JavaRuntime {
  command: string;
  major: number;
}

export interface FindJavaOptions {
  javaHome: string | undefined;
  /** The PATH to search when JAVA_HOME is unset; defaults to this process's. */
  searchPath?: string | undefined;
}

/** Finds the `java` to run Neo4j with (JAVA_HOME first, then PATH) and checks its version. */
export async function findJava(options: FindJavaOptions): Promise<JavaRuntime> {
  const command = options.javaHome ? path.join(options.javaHome, 'bin', 'java') : 'java';
  const env = { ...process.env, PATH: options.searchPath ?? process.env.PATH ?? '' };
  let versionText: string;
  try {
    // `java -version` writes to stderr.
    const { stderr, stdout } = await run(command, ['-version'], { env, timeout: 30_000 });
    versionText = `${stderr}${stdout}`;
  } catch (error) {
    throw new AppError(ErrorCode.JAVA_NOT_FOUND, `Java was not found (tried ${options.javaHome ? command : '`java` on PATH'}).`, {
      cause: error,
      hint: `The embedded Neo4j needs a Java ${SUPPORTED_JAVA_MAJORS.join(' or ')} runtime: install one (e.g. \`apt-get install openjdk-17-jre-headless\`) and put it on PATH or set JAVA_HOME${await describeInstalledJdks()}. Or set NEO4J_URI to use your own Neo4j 5 server.`,
    });
  }
  const major = parseJavaMajor(versionText);
  if (major === undefined || !(SUPPORTED_JAVA_MAJORS as readonly number[]).includes(major)) {
    throw new AppError(ErrorCode.JAVA_VERSION_UNSUPPORTED, `Java ${major ?? '(unknown version)'} at ${command} cannot run Neo4j 5.26.`, {
      details: { versionText: versionText.split('\n')[0] },
      hint: `Neo4j 5.26 needs Java ${SUPPORTED_JAVA_MAJORS.join(' or ')}: set JAVA_HOME to such a JDK${await describeInstalledJdks()}.`,
    });
  }
  return { command, major };
}

/** Reads the major version from `java -version` output ("1.8.0_392" is 8, "17.0.15" is 17). */
export function parseJavaMajor(versionText: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionText);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 && match[2] !== undefined ? Number(match[2]) : first;
}

async function describeInstalledJdks(): Promise<string> {
  try {
    const names = (await readdir('/usr/lib/jvm')).filter((name) => !name.startsWith('.'));
    return names.length > 0 ? ` (installed here: ${names.map((n) => `/usr/lib/jvm/${n}`).join(', ')})` : '';
  } catch {
    return '';
  }
}
