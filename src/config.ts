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

/** What one GraphQL request may cost; every default is documented in docs/operations.md. */
export interface RequestLimits {
  /** Nesting of selections (ENTENTE_MAX_DEPTH). */
  maxDepth: number;
  /** Aliased fields in one document (ENTENTE_MAX_ALIASES). */
  maxAliases: number;
  /** Lexical tokens in one document, enforced by the parser (ENTENTE_MAX_TOKENS). */
  maxTokens: number;
  /** Size of a request body (ENTENTE_MAX_BODY_KB). */
  maxBodyBytes: number;
  /** Estimated nodes a request may return: list sizes multiplied through nesting (ENTENTE_MAX_COST). */
  maxCost: number;
  /** The size the estimate assumes for a list without limit or first (ENTENTE_ASSUMED_LIST_SIZE). */
  assumedListSize: number;
  /** Relationship filters (some/all/none/single) nested inside each other (ENTENTE_MAX_FILTER_DEPTH). */
  maxFilterDepth: number;
  /** Largest limit or first (ENTENTE_MAX_PAGE_SIZE). */
  maxPageSize: number;
  /** Largest offset (ENTENTE_MAX_OFFSET). */
  maxOffset: number;
  /** search(text:) length in characters and in words (ENTENTE_MAX_SEARCH_CHARS, ENTENTE_MAX_SEARCH_WORDS). */
  maxSearchChars: number;
  maxSearchWords: number;
  /** Server-side timeout of every transaction the API opens (ENTENTE_QUERY_TIMEOUT_MS). */
  transactionTimeoutMs: number;
  /** Transactions one request may run at once (ENTENTE_MAX_TRANSACTIONS_PER_REQUEST). */
  maxTransactionsPerRequest: number;
  /** Transactions all requests together may run at once; the rest of the pool stays for /health (ENTENTE_MAX_TRANSACTIONS). */
  maxTransactions: number;
  /** How long a transaction may wait for a free slot before the request is told SERVER_BUSY (ENTENTE_TRANSACTION_WAIT_MS). */
  transactionWaitMs: number;
}

export const DEFAULT_REQUEST_LIMITS: RequestLimits = Object.freeze({
  maxDepth: 8,
  maxAliases: 30,
  maxTokens: 2_000,
  maxBodyBytes: 64 * 1024,
  maxCost: 10_000,
  assumedListSize: 10,
  maxFilterDepth: 3,
  maxPageSize: 1_000,
  maxOffset: 100_000,
  maxSearchChars: 500,
  maxSearchWords: 32,
  transactionTimeoutMs: 15_000,
  maxTransactionsPerRequest: 4,
  maxTransactions: 80,
  transactionWaitMs: 10_000,
});

/** Bearer-token access control: a JWT verified against a shared secret or a JWKS. */
export interface JwtConfig {
  secret: string | undefined;
  jwksUrl: string | undefined;
  issuer: string | undefined;
  audience: string | undefined;
}

export interface SecurityConfig {
  /** ENTENTE_MODE=production: introspection and suggestions off, explicit CORS required. */
  production: boolean;
  /** A JSON file of trusted operations (persisted documents); only those run when set. */
  trustedDocumentsFile: string | undefined;
  /** Set when ENTENTE_JWT_SECRET or ENTENTE_JWKS_URL is: /graphql then requires a bearer token. */
  jwt: JwtConfig | undefined;
}

export const DEFAULT_SECURITY: SecurityConfig = Object.freeze({ production: false, trustedDocumentsFile: undefined, jwt: undefined });

export interface Config {
  /** Set when NEO4J_URI is given: the embedded launcher is then never touched. */
  neo4j: Neo4jConnectionConfig | undefined;
  embedded: EmbeddedNeo4jConfig;
  database: string;
  http: { host: string; port: number; corsOrigins: string[] | '*' };
  limits: RequestLimits;
  security: SecurityConfig;
  logLevel: LogLevel;
}

const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '::1'];
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

  const mode = text('ENTENTE_MODE') ?? 'development';
  if (mode !== 'development' && mode !== 'production') problems.push(`ENTENTE_MODE=${mode} is not one of development, production`);
  const production = mode === 'production';
  const host = text('HOST') ?? 'localhost';
  const corsSetting = text('ENTENTE_CORS_ORIGINS');
  if (corsSetting === undefined && (production || !LOOPBACK_HOSTS.includes(host))) {
    problems.push(`ENTENTE_CORS_ORIGINS must be set when ${production ? 'ENTENTE_MODE=production' : `HOST=${host} listens beyond this machine`} (a list of origins, or * for a public API)`);
  }
  const cors = corsSetting ?? '*';
  const d = DEFAULT_REQUEST_LIMITS;
  const limits: RequestLimits = {
    maxDepth: integer('ENTENTE_MAX_DEPTH', d.maxDepth, 1, 100),
    maxAliases: integer('ENTENTE_MAX_ALIASES', d.maxAliases, 0, 10_000),
    maxTokens: integer('ENTENTE_MAX_TOKENS', d.maxTokens, 50, 1_000_000),
    maxBodyBytes: integer('ENTENTE_MAX_BODY_KB', d.maxBodyBytes / 1024, 1, 100_000) * 1024,
    maxCost: integer('ENTENTE_MAX_COST', d.maxCost, 1, 1_000_000_000),
    assumedListSize: integer('ENTENTE_ASSUMED_LIST_SIZE', d.assumedListSize, 1, 100_000),
    maxFilterDepth: integer('ENTENTE_MAX_FILTER_DEPTH', d.maxFilterDepth, 0, 20),
    maxPageSize: integer('ENTENTE_MAX_PAGE_SIZE', d.maxPageSize, 1, 1_000_000),
    maxOffset: integer('ENTENTE_MAX_OFFSET', d.maxOffset, 0, 100_000_000),
    maxSearchChars: integer('ENTENTE_MAX_SEARCH_CHARS', d.maxSearchChars, 1, 100_000),
    maxSearchWords: integer('ENTENTE_MAX_SEARCH_WORDS', d.maxSearchWords, 1, 500),
    transactionTimeoutMs: integer('ENTENTE_QUERY_TIMEOUT_MS', d.transactionTimeoutMs, 100, 3_600_000),
    maxTransactionsPerRequest: integer('ENTENTE_MAX_TRANSACTIONS_PER_REQUEST', d.maxTransactionsPerRequest, 1, 100),
    maxTransactions: integer('ENTENTE_MAX_TRANSACTIONS', d.maxTransactions, 1, 1_000),
    transactionWaitMs: integer('ENTENTE_TRANSACTION_WAIT_MS', d.transactionWaitMs, 10, 3_600_000),
  };
  const jwtSecret = text('ENTENTE_JWT_SECRET');
  const jwksUrl = text('ENTENTE_JWKS_URL');
  if (jwtSecret !== undefined && jwksUrl !== undefined) problems.push('Set ENTENTE_JWT_SECRET or ENTENTE_JWKS_URL, not both');
  if (jwtSecret !== undefined && jwtSecret.length < 32) problems.push('ENTENTE_JWT_SECRET must be at least 32 characters');
  if (jwksUrl !== undefined && !/^https?:\/\//.test(jwksUrl)) problems.push(`ENTENTE_JWKS_URL=${jwksUrl} must be an http(s) URL`);
  const trustedDocuments = text('ENTENTE_TRUSTED_DOCUMENTS');
  const security: SecurityConfig = {
    production,
    trustedDocumentsFile: trustedDocuments === undefined ? undefined : path.resolve(trustedDocuments),
    jwt:
      jwtSecret === undefined && jwksUrl === undefined
        ? undefined
        : { secret: jwtSecret, jwksUrl, issuer: text('ENTENTE_JWT_ISSUER'), audience: text('ENTENTE_JWT_AUDIENCE') },
  };
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
      host,
      port: integer('PORT', 4000, 0, 65535),
      corsOrigins: cors === '*' ? '*' : cors.split(',').map((o) => o.trim()).filter(Boolean),
    },
    limits,
    security,
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
