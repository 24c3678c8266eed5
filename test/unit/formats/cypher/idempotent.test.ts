import { describe, expect, it } from 'vitest';
import { idempotent } from '../../../../src/formats/cypher/idempotent.ts';

describe('idempotent', () => {
  it('adds IF NOT EXISTS after the constraint or index name', () => {
    expect(idempotent('CREATE CONSTRAINT `Country_id` FOR (n:`Country`) REQUIRE (n.`id`) IS UNIQUE')).toBe(
      'CREATE CONSTRAINT `Country_id` IF NOT EXISTS FOR (n:`Country`) REQUIRE (n.`id`) IS UNIQUE',
    );
    expect(idempotent('CREATE FULLTEXT INDEX `search` FOR (n:`A`) ON EACH [n.`name`]')).toBe(
      'CREATE FULLTEXT INDEX `search` IF NOT EXISTS FOR (n:`A`) ON EACH [n.`name`]',
    );
  });
});
