import { describe, expect, it } from 'vitest';
import { assertNotAdministration } from '../../../src/cypher/assert-not-administration.ts';
import { ErrorCode, isAppError } from '../../../src/errors.ts';

function refusal(query: string): unknown {
  try {
    assertNotAdministration(query);
    return undefined;
  } catch (error) {
    return error;
  }
}

describe('entente cypher refuses administration commands that change state', () => {
  it.each([
    'TERMINATE TRANSACTIONS "neo4j-transaction-1"',
    'terminate transaction $id',
    'CYPHER 5 TERMINATE TRANSACTIONS "x"',
    '// stop them all\nTERMINATE TRANSACTIONS "x"',
    'CREATE USER eve SET PASSWORD "secretsecret"',
    'DROP DATABASE neo4j',
    'CREATE OR REPLACE DATABASE neo4j',
    'CREATE INDEX idx FOR (n:Country) ON (n.name)',
    'CREATE FULLTEXT INDEX idx FOR (n:Country) ON EACH [n.name]',
    'DROP CONSTRAINT entity_id',
    'GRANT ROLE admin TO eve',
    'REVOKE ROLE admin FROM neo4j',
    'ALTER USER neo4j SET PASSWORD "x"',
    'ALTER CURRENT USER SET PASSWORD FROM "a" TO "b"',
    'STOP DATABASE neo4j',
    'USE system CREATE ROLE spy',
  ])('%s', (query) => {
    expect(isAppError(refusal(query), ErrorCode.WRITE_REFUSED)).toBe(true);
  });

  it.each(['MATCH (n) RETURN count(n)', 'SHOW TRANSACTIONS', 'SHOW INDEXES', 'CREATE (n:Country) RETURN n', 'EXPLAIN MATCH (n) RETURN n', 'RETURN "TERMINATE"'])(
    'lets %s through (writes are left to the plan check and the READ transaction)',
    (query) => {
      expect(refusal(query)).toBeUndefined();
    },
  );
});
