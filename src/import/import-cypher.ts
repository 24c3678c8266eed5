import { createReadStream } from 'node:fs';
import { AppError, ErrorCode } from '../errors.ts';
import { importError, type ImportOptions, type ImportStats, inOneTransaction, runAndRelease, runImport } from './import-support.ts';
import { isSchemaStatement, type ScriptStatement, splitCypherScript } from './split-cypher.ts';

const IGNORED_COMMANDS = /^:(begin|commit|rollback|schema\s+await)\b/i;

/**
 * Replays a Cypher script (an `entente export --format cypher` file, or any script of
 * statements ending in `;`) into the database, all-or-nothing: schema statements at the top run
 * first, each on its own (Neo4j 5 cannot mix them with data writes), then every data statement
 * in one transaction; schema statements after the data (e.g. dropping a helper constraint) run
 * after the commit. If anything fails, the data transaction is rolled back and the constraints
 * and indexes the import created are dropped again.
 */
export function importCypherScript(file: string, options: ImportOptions): Promise<ImportStats> {
  return runImport(options, async (schema) => {
    const statements = splitCypherScript(createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }));
    const deferred: ScriptStatement[] = [];
    let nodes = 0;
    let relationships = 0;
    let dataStatements = 0;
    // Schema statements before the first data statement.
    let first: ScriptStatement | undefined;
    for (;;) {
      const next = await statements.next();
      if (next.done) break;
      const statement = next.value;
      if (skipCommand(statement)) continue;
      if (!isSchemaStatement(statement.text)) {
        first = statement;
        break;
      }
      await schema.run(statement.text);
    }
    if (first) {
      await inOneTransaction(options, async (tx) => {
        const run = async (statement: ScriptStatement) => {
          if (isSchemaStatement(statement.text)) {
            deferred.push(statement);
            return;
          }
          try {
            const counters = (await runAndRelease(tx, statement.text)).counters.updates();
            nodes += counters.nodesCreated - counters.nodesDeleted;
            relationships += counters.relationshipsCreated - counters.relationshipsDeleted;
          } catch (error) {
            throw importError(error, 'A statement of the script failed', statement.text, statement.line);
          }
          dataStatements += 1;
          options.onProgress?.({ statements: dataStatements, nodes, relationships });
        };
        await run(first as ScriptStatement);
        for (;;) {
          const next = await statements.next();
          if (next.done) break;
          if (!skipCommand(next.value)) await run(next.value);
        }
      });
    }
    for (const statement of deferred) await schema.run(statement.text);
    return { nodes, relationships };
  });
}

function skipCommand(statement: ScriptStatement): boolean {
  if (!statement.command) return false;
  if (IGNORED_COMMANDS.test(statement.text)) return true;
  throw new AppError(ErrorCode.IMPORT_INVALID, `Line ${statement.line}: the cypher-shell command "${statement.text}" is not supported by entente import.`, {
    hint: 'Only :begin, :commit, :rollback and :schema await are accepted (and ignored: the import is one transaction anyway).',
  });
}
