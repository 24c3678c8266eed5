import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AppError, ErrorCode } from './errors.ts';
import type { LogLevel } from './logger.ts';

/** The project root: the embedded Neo4j's Maven project and the default data live under it. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface EmbeddedNeo4jConfig {
  /** Store, logs and the generated password live here. */
  dataDir: string;
  boltPort: number;
  pageCacheMb: number;
  heapMb: number;
  /** Taken from NEO4J_PASSWORD; otherwise generated on first start and kept in dataDir. */
  password: string | undefined;
  /** JAVA_HOME, when set; otherwise `java` from PATH. */
  javaHome: string | undefined;
}

export interface Neo4jConnectionConfig {
  uri: string;
  username: string;
  password: string;
  database: string;
}

export interface Config {
  /** Set when NEO4J_URI is given: the embedded launcher is then never touched. */
  neo4j: Neo4jConnectionConfig | undefined;
  embedded: EmbeddedNeo4jConfig;
  database: string;
  http: { host: string; port: number; corsOrigins: string[] | '*' };
  logLevel: LogLevel;
}

const LOG_LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];
const EMBEDDED_ONLY = ['ENTENTE_DATA_DIR', 'ENTENTE_BOLT_PORT', 'ENTENTE_NEO4J_PAGECACHE_MB', 'ENTENTE_NEO4J_HEAP_MB'];

/** The one reader of the environment: validates everything once and fails early on conflicts. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const problems: string[] = [];
  const text = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const integer = (name: string, fallback: number, min: number, max: number): number => {
    const raw = text(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      problems.push(`${name}=${raw} is not an integer between ${min} and ${max}`);
      return fallback;
    }
    return value;
  };

  const uri = text('NEO4J_URI');
  const database = text('NEO4J_DATABASE') ?? 'neo4j';
  const username = text('NEO4J_USERNAME') ?? 'neo4j';
  const password = text('NEO4J_PASSWORD');
  let neo4j: Neo4jConnectionConfig | undefined;
  if (uri !== undefined) {
    if (!/^(neo4j|bolt)(\+s|\+ssc)?:\/\//.test(uri)) {
      problems.push(`NEO4J_URI=${uri} must start with neo4j://, neo4j+s://, bolt:// or bolt+s://`);
    }
    if (password === undefined) problems.push('NEO4J_URI is set but NEO4J_PASSWORD is not');
    const embeddedSettings = EMBEDDED_ONLY.filter((name) => text(name) !== undefined);
    if (embeddedSettings.length > 0) {
      problems.push(`${embeddedSettings.join(', ')} configure the embedded Neo4j, which is not used when NEO4J_URI is set`);
    }
    neo4j = { uri, username, password: password ?? '', database };
  } else if (text('NEO4J_USERNAME') !== undefined && username !== 'neo4j') {
    problems.push('NEO4J_USERNAME can only be neo4j for the embedded database (set NEO4J_URI to use your own server)');
  }

  const logLevel = (text('LOG_LEVEL') ?? 'info') as LogLevel;
  if (!LOG_LEVELS.includes(logLevel)) problems.push(`LOG_LEVEL=${logLevel} is not one of ${LOG_LEVELS.join(', ')}`);

  const cors = text('ENTENTE_CORS_ORIGINS') ?? '*';
  const config: Config = {
    neo4j,
    database,
    embedded: {
      dataDir: path.resolve(text('ENTENTE_DATA_DIR') ?? path.join(projectRoot, '.entente', 'neo4j')),
      boltPort: integer('ENTENTE_BOLT_PORT', 7687, 1, 65535),
      pageCacheMb: integer('ENTENTE_NEO4J_PAGECACHE_MB', 256, 8, 1 << 20),
      heapMb: integer('ENTENTE_NEO4J_HEAP_MB', 1024, 256, 1 << 20),
      password,
      javaHome: text('JAVA_HOME'),
    },
    http: {
      host: text('HOST') ?? 'localhost',
      port: integer('PORT', 4000, 0, 65535),
      corsOrigins: cors === '*' ? '*' : cors.split(',').map((o) => o.trim()).filter(Boolean),
    },
    logLevel,
  };
  if (problems.length > 0) {
    throw new AppError(ErrorCode.CONFIG_INVALID, `Invalid configuration:\n  - ${problems.join('\n  - ')}`, {
      details: { problems },
      hint: 'See the configuration table in README.md.',
    });
  }
  return deepFreeze(config);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
