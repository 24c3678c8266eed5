import { AppError, ErrorCode } from '../errors.ts';

/**
 * Administration commands that change state. `EXPLAIN` does not classify them as writes, and a
 * READ transaction does not stop all of them (TERMINATE TRANSACTIONS runs), so they are refused
 * by their leading keywords, after comments and a `CYPHER` or `USE` prefix.
 */
const ADMINISTRATION = [
  /^(TERMINATE|GRANT|DENY|REVOKE|START|STOP|ALTER|RENAME|ENABLE|DEALLOCATE|REALLOCATE|DRYRUN)\b/i,
  /^(CREATE|DROP)(\s+OR\s+REPLACE)?\s+(USER|ROLES?|DATABASE|COMPOSITE|ALIAS|SERVER|(RANGE|TEXT|POINT|LOOKUP|FULLTEXT|VECTOR|BTREE)?\s*INDEX|CONSTRAINT)\b/i,
  /^SET\s+(PASSWORD|USER)\b/i,
];

/** Refuses an administration command that changes state (WRITE_REFUSED); SHOW commands pass. */
export function assertNotAdministration(query: string): void {
  const statement = stripPrefixes(query);
  if (ADMINISTRATION.some((pattern) => pattern.test(statement))) {
    const command = statement.split(/\s+/).slice(0, 2).join(' ').toUpperCase();
    throw new AppError(ErrorCode.WRITE_REFUSED, `${command} is an administration command; entente cypher only runs read-only queries. Nothing was changed.`, {
      details: { command },
      hint: 'Administer Neo4j with its own tools (cypher-shell as an administrator), not through entente cypher.',
    });
  }
}

function stripPrefixes(query: string): string {
  let rest = query.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ').trim();
  for (;;) {
    const prefix = /^(CYPHER(\s+\d+)?(\s+\w+=\S+)*|USE\s+[\w.`]+|EXPLAIN|PROFILE)\s+/i.exec(rest);
    if (!prefix) return rest;
    rest = rest.slice(prefix[0].length).trim();
  }
}
