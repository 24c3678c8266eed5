/**
 * Constraints and indexes the graph relies on. Schema commands cannot share a transaction with
 * data writes, so this runs before a load, each command on its own; all are idempotent.
 * The names are part of the contract with the API and exports (/work/notes/index-names.md).
 */
import neo4j from 'neo4j-driver';
import type { DatabaseHandle } from '../neo4j/database-handle.ts';
import { NODE_LABELS } from '../graph/graph-plan.ts';
import type { Logger } from '../logger.ts';
import { mapDriverError } from '../neo4j/map-driver-error.ts';
import { ENTITY_LABEL, META_LABEL, SEED_LABEL, SOURCE_LABEL } from './labels.ts';

/** The full-text index behind search (`db.index.fulltext.queryNodes('entente_search', ...)`). */
export const SEARCH_INDEX_NAME = 'entente_search';
/** Searched properties; `aliases` is a list of strings, whose every element is indexed. */
export const SEARCH_PROPERTIES = ['name', 'aliases', 'title', 'summary', 'quote', 'text', 'description'] as const;
/**
 * Lucene's standard analyser plus ASCII folding: "Republique" finds "République", as French- and
 * Dutch-speaking users type without accents. It drops the 33 English stop words (SEARCH_STOP_WORDS).
 */
export const SEARCH_ANALYZER = 'standard-folding';
/** The concrete labels, so that `@fulltext` on any node type finds its label in the index. */
export const SEARCH_LABELS: readonly string[] = NODE_LABELS;

export const RANGE_INDEXES: readonly { name: string; label: string; property: string }[] = [
  { name: 'Event_date', label: 'Event', property: 'date' },
  { name: 'Event_endDate', label: 'Event', property: 'endDate' },
  { name: 'Passage_documentId', label: 'Passage', property: 'documentId' },
  { name: 'Commitment_modality', label: 'Commitment', property: 'modality' },
  { name: 'Commitment_deadline', label: 'Commitment', property: 'deadline' },
];

/** Labels whose `id` is unique: each model label, both categories, and the store's own. */
export const UNIQUE_ID_LABELS: readonly string[] = [...NODE_LABELS, ENTITY_LABEL, SOURCE_LABEL, SEED_LABEL, META_LABEL];

export function constraintName(label: string): string {
  return `${label}_id`;
}

export interface SchemaStatement {
  name: string;
  cypher: string;
}

/** The statements, in order; exported so tests and docs can show exactly what runs. */
export function schemaStatements(): SchemaStatement[] {
  const statements: SchemaStatement[] = UNIQUE_ID_LABELS.map((label) => ({
    name: constraintName(label),
    cypher: `CREATE CONSTRAINT \`${constraintName(label)}\` IF NOT EXISTS FOR (n:\`${label}\`) REQUIRE n.id IS UNIQUE`,
  }));
  for (const index of RANGE_INDEXES) {
    statements.push({
      name: index.name,
      cypher: `CREATE RANGE INDEX \`${index.name}\` IF NOT EXISTS FOR (n:\`${index.label}\`) ON (n.\`${index.property}\`)`,
    });
  }
  statements.push({ name: SEARCH_INDEX_NAME, cypher: searchIndexStatement() });
  return statements;
}

function searchIndexStatement(): string {
  const labels = SEARCH_LABELS.map((label) => `\`${label}\``).join('|');
  const properties = SEARCH_PROPERTIES.map((property) => `n.\`${property}\``).join(', ');
  return `CREATE FULLTEXT INDEX \`${SEARCH_INDEX_NAME}\` IF NOT EXISTS FOR (n:${labels}) ON EACH [${properties}] OPTIONS { indexConfig: { \`fulltext.analyzer\`: '${SEARCH_ANALYZER}' } }`;
}

export interface EnsureSchemaResult {
  /** Names of the constraints and indexes this call created (empty when all existed). */
  created: string[];
  /** Names dropped because their definition had changed (then created anew). */
  replaced: string[];
}

export interface EnsureSchemaOptions {
  logger: Logger;
  /** How long to wait for new indexes to come online. */
  awaitIndexesSeconds?: number;
}

export async function ensureSchema({ driver, database }: DatabaseHandle, options: EnsureSchemaOptions): Promise<EnsureSchemaResult> {
  const { logger } = options;
  const result: EnsureSchemaResult = { created: [], replaced: [] };
  try {
    // IF NOT EXISTS keeps an outdated search index as it is: replace it when its labels,
    // properties or analyser are not the ones this version searches with.
    const existing = await driver.executeQuery(
      'SHOW FULLTEXT INDEXES YIELD name, labelsOrTypes, properties, options WHERE name = $name RETURN labelsOrTypes, properties, options',
      { name: SEARCH_INDEX_NAME },
      { database },
    );
    const current = existing.records[0];
    if (current) {
      const sameLabels = sameSet(current.get('labelsOrTypes') as string[], SEARCH_LABELS);
      const sameProperties = sameSet(current.get('properties') as string[], SEARCH_PROPERTIES);
      const options = current.get('options') as { indexConfig?: Record<string, unknown> } | null;
      const sameAnalyzer = options?.indexConfig?.['fulltext.analyzer'] === SEARCH_ANALYZER;
      if (!sameLabels || !sameProperties || !sameAnalyzer) {
        logger.info(`Replacing full-text index ${SEARCH_INDEX_NAME}: its labels, properties or analyser changed`);
        await driver.executeQuery(`DROP INDEX \`${SEARCH_INDEX_NAME}\` IF EXISTS`, {}, { database });
        result.replaced.push(SEARCH_INDEX_NAME);
      }
    }
    for (const statement of schemaStatements()) {
      const { summary } = await driver.executeQuery(statement.cypher, {}, { database });
      const updates = summary.counters.updates();
      if (updates.constraintsAdded > 0 || updates.indexesAdded > 0) result.created.push(statement.name);
    }
    if (result.created.length > 0) {
      await driver.executeQuery(`CALL db.awaitIndexes($seconds)`, { seconds: neo4j.int(options.awaitIndexesSeconds ?? 60) }, { database });
      logger.info(`Created ${result.created.length} constraint(s) and index(es)`, { created: result.created });
    }
  } catch (error) {
    throw mapDriverError(error, 'Creating constraints and indexes');
  }
  return result;
}

function sameSet(actual: readonly string[], expected: readonly string[]): boolean {
  return actual.length === expected.length && expected.every((item) => actual.includes(item));
}
