/** `CREATE CONSTRAINT name FOR ...` -> `CREATE CONSTRAINT name IF NOT EXISTS FOR ...`. */
export function idempotent(statement: string): string {
  if (/\bIF NOT EXISTS\b/i.test(statement)) return statement;
  return statement.replace(/^(CREATE\s+(?:[A-Z]+\s+)?(?:CONSTRAINT|INDEX)\s+(?:`(?:[^`]|``)*`|[^\s`]+))/i, '$1 IF NOT EXISTS');
}
