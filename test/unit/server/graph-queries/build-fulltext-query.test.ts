import { describe, expect, test } from 'vitest';
import { buildFulltextQuery, escapeLuceneTerm } from '../../../../src/server/graph-queries/build-fulltext-query.ts';

describe('buildFulltextQuery', () => {
  test('a word matches as itself, boosted, or as a prefix', () => {
    expect(buildFulltextQuery('Europol')).toBe('(Europol^2 OR europol*)');
  });

  test('short words match only as themselves', () => {
    expect(buildFulltextQuery('EU')).toBe('EU');
  });

  test('several words also match as a phrase, ranked highest', () => {
    expect(buildFulltextQuery('rail PNR')).toBe('"rail PNR"^4 OR (rail^2 OR rail*) OR (PNR^2 OR pnr*)');
  });

  test('prefixes are folded to lower case without accents, since wildcard terms are not analysed', () => {
    expect(buildFulltextQuery('Règlement')).toBe('(Règlement^2 OR reglement*)');
  });

  test('Lucene syntax characters split words and never reach the query', () => {
    const query = buildFulltextQuery('(PNR) AND "SIS" [x]^2 ~ * ? : \\ / && || ! {y} -z +w');
    // Only the query's own syntax remains: grouping, the phrase's quotes, boosts and prefix stars.
    expect(query).not.toMatch(/[[\]{}~\\/&|!:?+-]/);
    expect(query).toContain('(PNR^2 OR pnr*)');
    expect(query).toContain('(SIS^2 OR sis*)');
  });

  test('operators written in capitals are searched as words', () => {
    expect(buildFulltextQuery('NOT')).toBe('(not^2 OR not*)');
    expect(buildFulltextQuery('OR')).toBe('or');
  });

  test('nothing left to search gives undefined', () => {
    expect(buildFulltextQuery('')).toBeUndefined();
    expect(buildFulltextQuery('  ')).toBeUndefined();
    expect(buildFulltextQuery('?!* ()')).toBeUndefined();
  });
});

describe('escapeLuceneTerm', () => {
  test('escapes every special character with a backslash', () => {
    expect(escapeLuceneTerm('a+b-c!(d){e}[f]^g"h~i*j?k:l\\m/n&o|p')).toBe(
      'a\\+b\\-c\\!\\(d\\)\\{e\\}\\[f\\]\\^g\\"h\\~i\\*j\\?k\\:l\\\\m\\/n\\&o\\|p',
    );
  });
});
