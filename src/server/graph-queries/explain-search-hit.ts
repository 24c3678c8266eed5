/**
 * Why a node is a search hit, in terms a reader checks at a glance: the property that matched,
 * a snippet with the matched words marked, the passage saying it, and a score whose bands mean
 * the same in every search. Pure: the search query feeds it what Neo4j returned.
 */
import { SEARCH_STOP_WORDS, type SearchTerm, WORD_PATTERN, foldText, foldedWords } from './build-fulltext-query.ts';

/** Searched properties, most telling first: a tie on matched terms goes to the earlier one. */
export const SEARCH_FIELDS = ['name', 'aliases', 'title', 'summary', 'quote', 'description', 'text'] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** The lowest score of each band when every term matched in a field of that band. */
const FIELD_BAND: Record<SearchField, number> = {
  name: 0.8,
  aliases: 0.8,
  title: 0.8,
  summary: 0.6,
  quote: 0.6,
  description: 0.4,
  text: 0.4,
};
/** Lucene's relevance (relative to the search's best) orders hits within a band of this width. */
const BAND_WIDTH = 0.1;
const SNIPPET_LENGTH = 200;

export interface Range {
  start: number;
  end: number;
}

export interface FieldMatch {
  field: SearchField;
  value: string;
  /** How many of the search's terms occur in value. */
  matchedTerms: number;
  /** Where they occur in value (character offsets), in order. */
  ranges: Range[];
}

interface Token {
  word: string;
  start: number;
  end: number;
}

/** The words of `value` (folded, stop words left out) with their offsets in `value` itself. */
function tokenize(value: string): Token[] {
  const tokens: Token[] = [];
  for (const match of value.replaceAll(/[\u2018\u2019]/g, "'").matchAll(WORD_PATTERN)) {
    const word = foldText(match[0]);
    if (!SEARCH_STOP_WORDS.has(word)) tokens.push({ word, start: match.index, end: match.index + match[0].length });
  }
  return tokens;
}

function wordMatches(token: string, word: string, prefix: boolean): boolean {
  return token === word || (prefix && word.length >= 2 && token.startsWith(word));
}

/** Which terms occur in `value`, and where. */
export function matchTerms(value: string, terms: readonly SearchTerm[]): { matchedTerms: number; ranges: Range[] } {
  const tokens = tokenize(value);
  const ranges: Range[] = [];
  let matchedTerms = 0;
  for (const term of terms) {
    const words = term.words.filter((word) => !SEARCH_STOP_WORDS.has(word));
    let found = false;
    for (let i = 0; i + words.length <= tokens.length; i += 1) {
      const fits = words.every((word, k) => wordMatches(tokens[i + k]!.word, word, term.prefix && k === words.length - 1));
      if (fits) {
        found = true;
        ranges.push({ start: tokens[i]!.start, end: tokens[i + words.length - 1]!.end });
      }
    }
    if (found) matchedTerms += 1;
  }
  ranges.sort((a, b) => a.start - b.start || a.end - b.end);
  return { matchedTerms, ranges };
}

/** The searched property that holds most of the terms (the earlier in SEARCH_FIELDS on a tie). */
export function bestFieldMatch(fields: Partial<Record<SearchField, unknown>>, terms: readonly SearchTerm[]): FieldMatch | undefined {
  let best: FieldMatch | undefined;
  for (const field of SEARCH_FIELDS) {
    const raw = fields[field];
    const values = Array.isArray(raw) ? raw : [raw];
    for (const value of values) {
      if (typeof value !== 'string' || value === '') continue;
      const { matchedTerms, ranges } = matchTerms(value, terms);
      if (best === undefined || matchedTerms > best.matchedTerms) best = { field, value, matchedTerms, ranges };
    }
  }
  return best;
}

/**
 * 1 when the text is exactly the node's name or an alias; otherwise the band of the best field
 * when all terms match there (name 0.8, summary 0.6, description 0.4), or a share of 0.4 for
 * the terms that match; plus up to 0.1 from Lucene's relevance relative to the best hit.
 */
export function normaliseScore(options: {
  exact: boolean;
  match: FieldMatch | undefined;
  termCount: number;
  relevance: number;
  bestRelevance: number;
}): number {
  if (options.exact) return 1;
  const { match, termCount } = options;
  const matched = match?.matchedTerms ?? 0;
  const base = match !== undefined && matched >= termCount ? FIELD_BAND[match.field] : 0.4 * (matched / Math.max(termCount, 1)) * 0.75;
  const relative = options.bestRelevance > 0 ? options.relevance / options.bestRelevance : 0;
  return Math.round(Math.min(1, base + BAND_WIDTH * 0.99 * relative) * 10_000) / 10_000;
}

/** Whether `text` is, word for word (folded), one of `names`. */
export function isExactName(text: string, names: readonly unknown[]): boolean {
  const wanted = foldedWords(text).join(' ');
  return wanted !== '' && names.some((name) => typeof name === 'string' && foldedWords(name).join(' ') === wanted);
}

export interface Snippet {
  snippet: string;
  highlights: { start: number; length: number }[];
}

/** About SNIPPET_LENGTH characters of `value` around the first range, cut at spaces, with the ranges inside it. */
export function makeSnippet(value: string, ranges: readonly Range[]): Snippet {
  let from = 0;
  let to = value.length;
  if (value.length > SNIPPET_LENGTH) {
    const first = ranges[0]?.start ?? 0;
    from = Math.max(0, first - 60);
    if (from > 0) {
      const space = value.indexOf(' ', from);
      from = space >= 0 && space < first ? space + 1 : from;
    }
    to = Math.min(value.length, from + SNIPPET_LENGTH);
    if (to < value.length) {
      const space = value.lastIndexOf(' ', to);
      to = space > from ? space : to;
    }
  }
  const prefix = from > 0 ? '…' : '';
  const snippet = `${prefix}${value.slice(from, to)}${to < value.length ? '…' : ''}`;
  const highlights = ranges
    .filter((range) => range.start >= from && range.end <= to)
    .map((range) => ({ start: range.start - from + prefix.length, length: range.end - range.start }));
  return { snippet, highlights };
}

/** The sentence of `text` holding the first range (the whole text when there is none). */
export function sentenceAround(text: string, ranges: readonly Range[]): string {
  const at = ranges[0]?.start;
  if (at === undefined) return text;
  const before = text.slice(0, at).search(/[.;!?]\s+[^.;!?]*$/);
  const start = before < 0 ? 0 : before + text.slice(before).search(/\s/) + 1;
  const after = text.slice(at).search(/[.;!?](\s|$)/);
  const end = after < 0 ? text.length : at + after + 1;
  return text.slice(start, end).trim();
}
