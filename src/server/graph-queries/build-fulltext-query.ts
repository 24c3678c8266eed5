/**
 * What a user typed into the search box, as Lucene query text for the `standard-folding` index
 * and as the terms the hits are explained with (matched field, snippet, passage).
 */

/** How the terms of a search combine. */
export type SearchMatch = 'ALL_WORDS' | 'ANY_WORD';

/** One searched unit: a word, or the words of a quoted phrase (or of a hyphenated compound). */
export interface SearchTerm {
  /** Folded (lower case, no accents) words; a term made only of stop words is left out. */
  words: string[];
  /** A quoted phrase or compound: its words must follow each other. */
  phrase: boolean;
  /** The last word as typed: it also matches as a prefix ("Euro" finds "Europol"). */
  prefix: boolean;
}

/**
 * Lucene's English stop words, which the `standard-folding` analyser drops from the index and from
 * queries (db.index.fulltext.listAvailableAnalyzers lists them; a test compares).
 */
export const SEARCH_STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(' '),
);

/**
 * A word as Lucene's StandardTokenizer (Unicode word boundaries) reads it: letters and digits,
 * joined by an apostrophe or a full stop between them ("d'enquête" and "2016.5" are one word).
 */
export const WORD_PATTERN = /[\p{L}\p{N}]+(?:['.][\p{L}\p{N}]+)*/gu;

/** Lower case without accents, as ASCII folding does for the letters of French and Dutch. */
export function foldText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/œ/g, 'oe')
    .replace(/ß/g, 'ss')
    .replace(/ø/g, 'o')
    .replace(/[\u2018\u2019]/g, "'");
}

/** The words of `text`, folded; punctuation separates words as Lucene's tokenizer does. */
export function foldedWords(text: string): string[] {
  return foldText(text).match(WORD_PATTERN) ?? [];
}

/**
 * The terms of what a user typed: "quoted phrases" and hyphenated compounds ("e-evidence") as
 * phrases, other words alone; stop words alone dropped (the index has none); the last word a prefix
 * unless it closes a quote. Whatever was typed, the result holds only letters, digits and the
 * apostrophes and full stops inside words, so no Lucene syntax can reach the query.
 */
export function parseSearchText(text: string): SearchTerm[] {
  const terms: SearchTerm[] = [];
  const pieces = text.split('"');
  pieces.forEach((piece, index) => {
    // Odd pieces lie between quotes (an unclosed quote runs to the end).
    const chunks = index % 2 === 1 ? [piece] : piece.split(/\s+/);
    for (const chunk of chunks) {
      const words = foldedWords(chunk);
      // A phrase keeps its stop words: Lucene's phrase query needs their positions.
      if (words.some((word) => !SEARCH_STOP_WORDS.has(word))) terms.push({ words, phrase: words.length > 1, prefix: false });
    }
  });
  const last = terms.at(-1);
  const typedLast = text.trimEnd();
  if (last !== undefined && !last.phrase && !typedLast.endsWith('"')) last.prefix = true;
  return terms;
}

/** Lucene query text for the terms; undefined when there is none. */
export function buildFulltextQuery(terms: readonly SearchTerm[], match: SearchMatch): string | undefined {
  if (terms.length === 0) return undefined;
  const required = match === 'ALL_WORDS' ? '+' : '';
  return terms
    .map((term) => {
      if (term.phrase) return `${required}"${term.words.join(' ')}"`;
      const [word] = term.words as [string];
      // A one-letter prefix would match most of the index.
      return term.prefix && word.length >= 2 ? `${required}(${word}^2 OR ${word}*)` : `${required}${word}`;
    })
    .join(' ');
}
