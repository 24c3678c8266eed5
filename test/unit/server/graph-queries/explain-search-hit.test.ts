import { describe, expect, test } from 'vitest';
import { parseSearchText } from '../../../../src/server/graph-queries/build-fulltext-query.ts';
import { bestFieldMatch, isExactName, makeSnippet, matchTerms, normaliseScore, sentenceAround } from '../../../../src/server/graph-queries/explain-search-hit.ts';

describe('matchTerms', () => {
  test('finds words whatever their accents and case, with their offsets in the original text', () => {
    const text = 'La République française';
    const { matchedTerms, ranges } = matchTerms(text, parseSearchText('republique'));
    expect(matchedTerms).toBe(1);
    expect(ranges.map((range) => text.slice(range.start, range.end))).toEqual(['République']);
  });

  test('the last word matches as a prefix, the others only whole', () => {
    const text = 'Passenger Name Record data';
    expect(matchTerms(text, parseSearchText('passenger na')).matchedTerms).toBe(2);
    expect(matchTerms(text, parseSearchText('pass name')).matchedTerms).toBe(1);
  });

  test('a phrase matches only words in that order, skipping stop words as the index does', () => {
    expect(matchTerms('the No Money For Terror conference', parseSearchText('"no money for terror"')).matchedTerms).toBe(1);
    expect(matchTerms('terror money', parseSearchText('"money terror"')).matchedTerms).toBe(0);
  });
});

describe('bestFieldMatch', () => {
  test('the field holding most terms wins, the earlier field on a tie', () => {
    const terms = parseSearchText('passenger name');
    const match = bestFieldMatch({ name: 'EU PNR Directive', aliases: ['PNR', 'Passenger Name Record directive'], description: 'passenger name record data' }, terms);
    expect(match).toMatchObject({ field: 'aliases', value: 'Passenger Name Record directive', matchedTerms: 2 });
  });
});

describe('normaliseScore', () => {
  const match = (field: 'name' | 'summary' | 'text', matchedTerms: number) => ({ field, value: '', matchedTerms, ranges: [] });

  test('an exact name is 1; then name, summary and text bands; partial matches below', () => {
    const score = (field: 'name' | 'summary' | 'text', matched: number, relevance = 1) =>
      normaliseScore({ exact: false, match: match(field, matched), termCount: 2, relevance, bestRelevance: 2 });
    expect(normaliseScore({ exact: true, match: undefined, termCount: 1, relevance: 0, bestRelevance: 1 })).toBe(1);
    expect(score('name', 2)).toBeGreaterThanOrEqual(0.8);
    expect(score('name', 2)).toBeLessThan(0.9);
    expect(score('summary', 2)).toBeGreaterThanOrEqual(0.6);
    expect(score('summary', 2)).toBeLessThan(score('name', 2, 0));
    expect(score('text', 2, 2)).toBeLessThan(0.5);
    expect(score('name', 1, 2)).toBeLessThan(0.4);
  });
});

describe('isExactName', () => {
  test('compares word for word, without accents or case', () => {
    expect(isExactName('Republique francaise', ['République française'])).toBe(true);
    expect(isExactName('Republique', ['République française'])).toBe(false);
  });
});

describe('makeSnippet', () => {
  test('a short value is whole, with offsets of its matches', () => {
    expect(makeSnippet('EU PNR Directive', [{ start: 3, end: 6 }])).toEqual({ snippet: 'EU PNR Directive', highlights: [{ start: 3, length: 3 }] });
  });

  test('a long value is cut around the first match, with ellipses and shifted offsets', () => {
    const value = `${'lorem '.repeat(40)}Europol ${'ipsum '.repeat(40)}`;
    const start = value.indexOf('Europol');
    const { snippet, highlights } = makeSnippet(value, [{ start, end: start + 7 }]);
    expect(snippet.startsWith('…')).toBe(true);
    expect(snippet.endsWith('…')).toBe(true);
    expect(snippet.length).toBeLessThanOrEqual(205);
    expect(snippet.slice(highlights[0]!.start, highlights[0]!.start + highlights[0]!.length)).toBe('Europol');
  });
});

describe('sentenceAround', () => {
  test('gives the sentence holding the match', () => {
    const text = 'We met. We agree to exchange PNR data; and more. Then lunch.';
    const at = text.indexOf('PNR');
    expect(sentenceAround(text, [{ start: at, end: at + 3 }])).toBe('We agree to exchange PNR data;');
  });
});
