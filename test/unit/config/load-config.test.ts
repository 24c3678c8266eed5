import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_REQUEST_LIMITS, DEFAULT_SECURITY, loadConfig, projectRoot } from '../../../src/config.ts';
import { ErrorCode } from '../../../src/errors.ts';

const problemsOf = (env: NodeJS.ProcessEnv): string[] => {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toMatchObject({ code: ErrorCode.CONFIG_INVALID });
    return (error as { details: { problems: string[] } }).details.problems;
  }
  throw new Error('expected CONFIG_INVALID');
};

describe('loadConfig', () => {
  it('defaults to the embedded Neo4j under the project and GraphQL on localhost:4000', () => {
    const config = loadConfig({});
    expect(config.neo4j).toBeUndefined();
    expect(config.embedded).toMatchObject({ dataDir: path.join(projectRoot, '.entente', 'neo4j'), boltPort: 7687, password: undefined });
    expect(config.http).toEqual({ host: 'localhost', port: 4000, corsOrigins: '*' });
    expect(config.database).toBe('neo4j');
    expect(Object.isFrozen(config.http)).toBe(true);
  });

  it('uses the given Neo4j when NEO4J_URI is set', () => {
    const config = loadConfig({ NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io', NEO4J_PASSWORD: 'pw', NEO4J_DATABASE: 'graph' });
    expect(config.neo4j).toEqual({ uri: 'neo4j+s://abc.databases.neo4j.io', username: 'neo4j', password: 'pw', database: 'graph' });
  });

  it('takes NEO4J_PASSWORD for the embedded database too', () => {
    expect(loadConfig({ NEO4J_PASSWORD: 'chosen' }).embedded.password).toBe('chosen');
  });

  it('splits CORS origins', () => {
    expect(loadConfig({ ENTENTE_CORS_ORIGINS: 'https://a.example, https://b.example' }).http.corsOrigins).toEqual(['https://a.example', 'https://b.example']);
  });

  it('reports every problem at once', () => {
    const problems = problemsOf({ NEO4J_URI: 'http://x', ENTENTE_DATA_DIR: '/tmp/x', PORT: 'eighty', LOG_LEVEL: 'loud' });
    expect(problems).toHaveLength(5);
    expect(problems.join('\n')).toMatch(/NEO4J_URI=http:\/\/x must start with/);
    expect(problems.join('\n')).toMatch(/NEO4J_PASSWORD is not/);
    expect(problems.join('\n')).toMatch(/ENTENTE_DATA_DIR configure the embedded Neo4j/);
    expect(problems.join('\n')).toMatch(/PORT=eighty is not an integer/);
    expect(problems.join('\n')).toMatch(/LOG_LEVEL=loud/);
  });

  it('refuses another user name for the embedded database', () => {
    expect(problemsOf({ NEO4J_USERNAME: 'alice' })).toEqual([expect.stringContaining('NEO4J_USERNAME can only be neo4j')]);
  });

  it('refuses a Bolt port out of range', () => {
    expect(problemsOf({ ENTENTE_BOLT_PORT: '70000' })).toEqual([expect.stringContaining('ENTENTE_BOLT_PORT=70000')]);
  });

  it('has documented request limits by default and reads each from its variable', () => {
    expect(loadConfig({}).limits).toEqual(DEFAULT_REQUEST_LIMITS);
    const limits = loadConfig({ ENTENTE_MAX_DEPTH: '5', ENTENTE_MAX_BODY_KB: '16', ENTENTE_QUERY_TIMEOUT_MS: '2000' }).limits;
    expect(limits).toMatchObject({ maxDepth: 5, maxBodyBytes: 16 * 1024, transactionTimeoutMs: 2000 });
    expect(problemsOf({ ENTENTE_MAX_COST: '0' })).toEqual([expect.stringContaining('ENTENTE_MAX_COST=0')]);
  });

  it('requires explicit CORS origins beyond localhost and in production mode', () => {
    expect(problemsOf({ HOST: '0.0.0.0' })).toEqual([expect.stringContaining('ENTENTE_CORS_ORIGINS must be set')]);
    expect(problemsOf({ ENTENTE_MODE: 'production' })).toEqual([expect.stringContaining('ENTENTE_CORS_ORIGINS must be set')]);
    expect(loadConfig({ HOST: '0.0.0.0', ENTENTE_CORS_ORIGINS: '*' }).http.corsOrigins).toBe('*');
    const production = loadConfig({ ENTENTE_MODE: 'production', ENTENTE_CORS_ORIGINS: 'https://app.example' });
    expect(production.security.production).toBe(true);
    expect(loadConfig({}).security).toEqual(DEFAULT_SECURITY);
    expect(problemsOf({ ENTENTE_MODE: 'prod' })).toEqual([expect.stringContaining('ENTENTE_MODE=prod')]);
  });

  it('takes a JWT secret or a JWKS URL, not both, and no short secret', () => {
    const secret = 'x'.repeat(32);
    expect(loadConfig({ ENTENTE_JWT_SECRET: secret, ENTENTE_JWT_ISSUER: 'me' }).security.jwt).toMatchObject({ secret, issuer: 'me' });
    expect(problemsOf({ ENTENTE_JWT_SECRET: 'short' })).toEqual([expect.stringContaining('at least 32 characters')]);
    expect(problemsOf({ ENTENTE_JWT_SECRET: secret, ENTENTE_JWKS_URL: 'https://idp.example/jwks' })).toEqual([expect.stringContaining('not both')]);
  });
});
