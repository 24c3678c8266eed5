import neo4j from 'neo4j-driver';
import type { DatabaseHandle } from '../../neo4j/database-handle.ts';
import { AppError, ErrorCode } from '../../errors.ts';
import { NODE_LABELS, type NodeLabel } from '../../graph/graph-plan.ts';
import { SEARCH_INDEX_NAME } from '../../store/ensure-schema.ts';
import { ENTITY_LABEL } from '../../store/labels.ts';
import { type SearchMatch, buildFulltextQuery, foldedWords, parseSearchText } from './build-fulltext-query.ts';
import {
  type FieldMatch,
  type SearchField,
  bestFieldMatch,
  isExactName,
  makeSnippet,
  matchTerms,
  normaliseScore,
  sentenceAround,
} from './explain-search-hit.ts';
import { primaryLabel, readRecords, toPlain } from './read-records.ts';
import { assertIntegerInRange } from './validate-arguments.ts';

export interface SearchPassage {
  id: string;
  documentId: string;
  section: string;
  order: number;
  text: string;
  quote: string;
}

export interface SearchHit {
  type: NodeLabel;
  id: string;
  name: string;
  /** 0 to 1, the same bands in every search (explain-search-hit.ts). */
  score: number;
  field: SearchField;
  snippet: string;
  highlights: { start: number; length: number }[];
  passage: SearchPassage | null;
}

export interface SearchResult {
  hits: SearchHit[];
  total: number;
  facets: { type: NodeLabel; count: number }[];
}

export interface SearchOptions {
  limit?: number;
  /** Only nodes with one of these labels; all when absent or empty. */
  types?: readonly NodeLabel[] | null;
  match?: SearchMatch;
}

export const MAX_SEARCH_LIMIT = 100;
/** Lucene hits considered for ranking and facets; the whole seed graph has a few hundred nodes. */
export const MAX_SEARCH_CANDIDATES = 1000;

/** Up to `$candidates` full-text hits of `$query`, with the searched properties that explain them. */
export const SEARCH_QUERY = `CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score
  WITH node, score ORDER BY score DESC, node.id LIMIT $candidates
  RETURN labels(node) AS labels, node.id AS id, coalesce(node.name, node.title, node.id) AS name, score,
         node {.name, .aliases, .title, .summary, .quote, .description, .text, .documentId, .section, .order} AS fields`;

/** The passages naming each entity of `$ids` (MENTIONED_IN), with the quoted span. */
export const MENTIONS_QUERY = `UNWIND $ids AS id
  MATCH (node:${ENTITY_LABEL} {id: id})-[m:MENTIONED_IN]->(p:Passage)
  WITH id, m, p ORDER BY p.documentId, p.order, m.quoteStart, m.quote
  RETURN id, collect({id: p.id, documentId: p.documentId, section: p.section, order: p.order, text: p.text, quote: m.quote}) AS mentions`;

interface Candidate {
  type: NodeLabel;
  id: string;
  name: string;
  relevance: number;
  fields: Record<string, unknown>;
  passage: { documentId: string; section: string; order: number } | null;
  exact: boolean;
  match: FieldMatch | undefined;
  score: number;
}

/**
 * Ranked full-text hits (accent- and case-insensitive) with the field that matched, a snippet,
 * the passage that says it and a normalised score, plus hits per type.
 */
export async function searchGraph(db: DatabaseHandle, text: string, options: SearchOptions = {}): Promise<SearchResult> {
  const limit = assertIntegerInRange('limit', options.limit ?? 20, 1, MAX_SEARCH_LIMIT);
  const match = options.match ?? 'ALL_WORDS';
  if (text.trim() === '') {
    throw new AppError(ErrorCode.BAD_USER_INPUT, 'search text must not be empty.', { details: { argument: 'text' } });
  }
  if (foldedWords(text).length === 0) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `search text "${text}" has no word to search for (only punctuation).`, {
      details: { argument: 'text' },
    });
  }
  const terms = parseSearchText(text);
  const query = buildFulltextQuery(terms, match);
  // Only stop words ("the", "not"): the index holds none of them, so nothing can match.
  if (query === undefined) return { hits: [], total: 0, facets: [] };
  const records = await readRecords(
    db,
    SEARCH_QUERY,
    { index: SEARCH_INDEX_NAME, query, candidates: neo4j.int(MAX_SEARCH_CANDIDATES) },
  );
  const bestRelevance = Math.max(0, ...records.map((record) => record.get('score') as number));
  const candidates = records.map((record): Candidate => {
    const fields = toPlain(record.get('fields')) as Record<string, unknown>;
    const type = primaryLabel(record.get('labels') as string[]);
    const relevance = record.get('score') as number;
    const fieldMatch = bestFieldMatch(fields, terms);
    const exact = isExactName(text, [fields.name, fields.title, ...((fields.aliases as unknown[] | null) ?? [])]);
    return {
      type,
      id: record.get('id') as string,
      name: record.get('name') as string,
      relevance,
      fields,
      passage: type === 'Passage' ? { documentId: fields.documentId as string, section: fields.section as string, order: fields.order as number } : null,
      exact,
      match: fieldMatch,
      score: normaliseScore({ exact, match: fieldMatch, termCount: terms.length, relevance, bestRelevance }),
    };
  });
  const facets = countByType(candidates);
  const wanted = new Set<NodeLabel>(options.types && options.types.length > 0 ? options.types : NODE_LABELS);
  const ranked = candidates
    .filter((candidate) => wanted.has(candidate.type))
    .sort((a, b) => b.score - a.score || b.relevance - a.relevance || a.id.localeCompare(b.id));
  const top = ranked.slice(0, limit);
  const mentions = await readMentions(
    db,
    top.filter((hit) => hit.type !== 'Passage').map((hit) => hit.id),
  );
  return {
    hits: top.map((candidate) => toHit(candidate, terms, mentions.get(candidate.id) ?? [])),
    total: ranked.length,
    facets,
  };
}

function countByType(candidates: readonly Candidate[]): { type: NodeLabel; count: number }[] {
  const counts = new Map<NodeLabel, number>();
  for (const candidate of candidates) counts.set(candidate.type, (counts.get(candidate.type) ?? 0) + 1);
  return [...counts]
    .map(([type, count]) => ({ type, count }))
    .sort((a, b) => b.count - a.count || NODE_LABELS.indexOf(a.type) - NODE_LABELS.indexOf(b.type));
}

type Mention = Omit<SearchPassage, 'quote'> & { quote: string };

/** The passages naming each node (MENTIONED_IN), with the quoted span. */
async function readMentions(db: DatabaseHandle, ids: readonly string[]): Promise<Map<string, Mention[]>> {
  if (ids.length === 0) return new Map();
  const records = await readRecords(db, MENTIONS_QUERY, { ids });
  return new Map(records.map((record) => [record.get('id') as string, toPlain(record.get('mentions')) as Mention[]]));
}

function toHit(candidate: Candidate, terms: ReturnType<typeof parseSearchText>, mentions: readonly Mention[]): SearchHit {
  const value = candidate.match?.value ?? candidate.name;
  const { snippet, highlights } = makeSnippet(value, candidate.match?.ranges ?? []);
  let passage: SearchPassage | null = null;
  if (candidate.passage !== null) {
    const text = candidate.fields.text as string;
    passage = { id: candidate.id, ...candidate.passage, text, quote: sentenceAround(text, matchTerms(text, terms).ranges) };
  } else if (mentions.length > 0) {
    // The mention whose passage says most of what was searched; the first one on a tie.
    const scored = mentions.map((mention) => ({ mention, matched: matchTerms(mention.text, terms).matchedTerms }));
    passage = scored.reduce((best, next) => (next.matched > best.matched ? next : best)).mention;
  }
  return {
    type: candidate.type,
    id: candidate.id,
    name: candidate.name,
    score: candidate.score,
    field: candidate.match?.field ?? 'name',
    snippet,
    highlights,
    passage,
  };
}
