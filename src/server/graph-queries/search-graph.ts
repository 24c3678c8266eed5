import neo4j from 'neo4j-driver';
import { AppError, ErrorCode } from '../../errors.ts';
import { NODE_LABELS, type NodeLabel } from '../../graph/graph-plan.ts';
import { SEARCH_INDEX_NAME } from '../../store/ensure-schema.ts';
import { buildFulltextQuery } from './build-fulltext-query.ts';
import { primaryLabel, readRecords } from './read-records.ts';
import type { DatabaseHandle } from '../../neo4j/database-handle.ts';
import { assertIntegerInRange } from './validate-arguments.ts';

export interface SearchHit {
  type: NodeLabel;
  id: string;
  name: string;
  score: number;
}

export interface SearchOptions {
  limit?: number;
  /** Only nodes with one of these labels; all when absent or empty. */
  types?: readonly NodeLabel[] | null;
}

export const MAX_SEARCH_LIMIT = 100;

/**
 * Added to the Lucene score of a node whose name or an alias is exactly the text (ignoring case):
 * "Europol" must rank the agency above the commitments that mention it.
 */
export const EXACT_MATCH_BONUS = 100;

/** Full-text hits of `$query` among nodes labelled one of `$types`, exact name or alias matches first. */
export const SEARCH_QUERY = `CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score
  WHERE any(label IN labels(node) WHERE label IN $types)
  WITH node, score + CASE
    WHEN any(name IN [node.name] + coalesce(node.aliases, []) WHERE toLower(name) = $wanted) THEN $exactBonus
    ELSE 0 END AS score
  RETURN labels(node) AS labels, node.id AS id, coalesce(node.name, node.title, node.id) AS name, score
  ORDER BY score DESC, id ASC
  LIMIT $limit`;

/** Ranked full-text hits over names, aliases, titles, summaries, quotes and passage text; exact name or alias matches first. */
export async function searchGraph(db: DatabaseHandle, text: string, options: SearchOptions = {}): Promise<SearchHit[]> {
  const limit = assertIntegerInRange('limit', options.limit ?? 20, 1, MAX_SEARCH_LIMIT);
  if (text.trim() === '') {
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'search text must not be empty.', { details: { argument: 'text' } });
  }
  const query = buildFulltextQuery(text);
  if (query === undefined) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `search text "${text}" has no word to search for (only punctuation).`, {
      details: { argument: 'text' },
    });
  }
  const types = options.types && options.types.length > 0 ? [...options.types] : [...NODE_LABELS];
  const records = await readRecords(
    db,
    SEARCH_QUERY,
    { index: SEARCH_INDEX_NAME, query, types, limit: neo4j.int(limit), wanted: text.trim().toLowerCase(), exactBonus: EXACT_MATCH_BONUS },
  );
  return records.map((record) => ({
    type: primaryLabel(record.get('labels') as string[]),
    id: record.get('id') as string,
    name: record.get('name') as string,
    score: record.get('score') as number,
  }));
}
