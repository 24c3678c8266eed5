/** Characters with a meaning in Lucene's query syntax. */
const LUCENE_SPECIAL = /[+\-!(){}[\]^"~*?:\\/&|]/g;

/** Words Lucene reads as operators when written in capitals. */
const LUCENE_OPERATORS = new Set(['AND', 'OR', 'NOT', 'TO']);

/** Escapes a word so that Lucene reads it literally. */
export function escapeLuceneTerm(term: string): string {
  return term.replace(LUCENE_SPECIAL, (char) => `\\${char}`);
}

/** Lower case without accents: prefix (wildcard) terms are not analysed by the index. */
function foldForPrefix(term: string): string {
  return term.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Turns what a user typed into a Lucene query that cannot fail to parse: every word is escaped;
 * a word matches as itself (boosted) or as a prefix ("Euro" finds "Europol"), and the whole text
 * as a phrase ranks highest. Returns undefined when no word is left.
 */
export function buildFulltextQuery(text: string): string | undefined {
  const words = text
    .split(/\s+/)
    .map((word) => word.replace(LUCENE_SPECIAL, ' ').trim())
    .flatMap((word) => word.split(/\s+/))
    .filter((word) => word !== '');
  if (words.length === 0) return undefined;
  const clauses = words.map((word) => {
    const literal = LUCENE_OPERATORS.has(word) ? word.toLowerCase() : escapeLuceneTerm(word);
    const prefix = foldForPrefix(word);
    return prefix.length >= 3 ? `(${literal}^2 OR ${escapeLuceneTerm(prefix)}*)` : literal;
  });
  const phrase = words.length > 1 ? `"${words.map(escapeLuceneTerm).join(' ')}"^4 OR ` : '';
  return `${phrase}${clauses.join(' OR ')}`;
}
