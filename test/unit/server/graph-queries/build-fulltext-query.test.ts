import { describe, expect, test } from 'vitest';
import { buildFulltextQuery, foldText, parseSearchText } from '../../../../src/server/graph-queries/build-fulltext-query.ts';

const query = (text: string, match: 'ALL_WORDS' | 'ANY_WORD' = 'ALL_WORDS') => buildFulltextQuery(parseSearchText(text), match);

describe('parseSearchText', () => {
  test('words are folded to lower case without accents', () => {
    expect(parseSearchText('République Française')).toEqual([
      { words: ['republique'], phrase: false, prefix: false },
      { words: ['francaise'], phrase: false, prefix: true },
    ]);
  });

  test('a quoted phrase is one term, and the word closing a quote is no prefix', () => {
    expect(parseSearchText('"passenger name" record')).toEqual([
      { words: ['passenger', 'name'], phrase: true, prefix: false },
      { words: ['record'], phrase: false, prefix: true },
    ]);
    expect(parseSearchText('"PNR"').at(-1)?.prefix).toBe(false);
  });

  test('an apostrophe inside a word keeps it one word, as the index tokenizer does', () => {
    expect(parseSearchText("equipes communes d’enquête").map((term) => term.words)).toEqual([['equipes'], ['communes'], ["d'enquete"]]);
  });

  test('a hyphenated compound is a phrase', () => {
    expect(parseSearchText('e-evidence')).toEqual([{ words: ['e', 'evidence'], phrase: true, prefix: false }]);
  });

  test('stop words alone are dropped, but a phrase keeps them (their positions matter)', () => {
    expect(parseSearchText('the money').map((term) => term.words)).toEqual([['money']]);
    expect(parseSearchText('"no money for terror"')[0]?.words).toEqual(['no', 'money', 'for', 'terror']);
  });

  test('ligatures fold as the index folds them', () => {
    expect(foldText('Œuvre Straße')).toBe('oeuvre strasse');
  });
});

describe('buildFulltextQuery', () => {
  test('all words are required by default; the last also matches as a prefix', () => {
    expect(query('passenger name')).toBe('+passenger +(name^2 OR name*)');
  });

  test('ANY_WORD makes every term optional', () => {
    expect(query('passenger name', 'ANY_WORD')).toBe('passenger (name^2 OR name*)');
  });

  test('a phrase is searched as a phrase', () => {
    expect(query('"rail PNR" Belgium')).toBe('+"rail pnr" +(belgium^2 OR belgium*)');
  });

  test('a one-letter last word is no prefix (it would match most of the index)', () => {
    expect(query('vitamin c')).toBe('+vitamin +c');
  });

  test('Lucene syntax characters split words and never reach the query', () => {
    const text = query('(PNR) AND "SIS" [x]^2 ~ * ? : \\ / && || ! {y} -z +w');
    expect(text).not.toMatch(/[[\]{}~\\/&|!:?-]/);
    expect(text).toContain('+pnr');
    expect(text).toContain('+sis');
  });

  test('operators written in capitals become lower-case words, which Lucene does not read as operators', () => {
    expect(query('OR PNR')).toBe('+(pnr^2 OR pnr*)');
  });

  test('nothing left to search gives undefined', () => {
    expect(query('')).toBeUndefined();
    expect(query('?!* ()')).toBeUndefined();
    expect(query('the')).toBeUndefined();
  });
});
