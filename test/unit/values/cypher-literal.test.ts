import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { cypherLiteral, cypherMap, cypherName, cypherString } from '../../../src/values/cypher-literal.ts';

describe('cypherLiteral', () => {
  it('keeps Integer and Float apart: 1 and 1.0', () => {
    expect(cypherLiteral(neo4j.int(1))).toBe('1');
    expect(cypherLiteral(1)).toBe('1.0');
    expect(cypherLiteral(0.1)).toBe('0.1');
    expect(cypherLiteral(1e21)).toBe('1e21');
  });

  it('writes integers beyond 2^53 exactly', () => {
    expect(cypherLiteral(neo4j.int('9007199254740993'))).toBe('9007199254740993');
  });

  it('writes NaN and infinities as expressions Cypher evaluates to them', () => {
    expect(cypherLiteral(Number.NaN)).toBe('(0.0 / 0.0)');
    expect(cypherLiteral(-Infinity)).toBe('(-1.0 / 0.0)');
  });

  it('writes dates as date() calls, so they stay dates', () => {
    expect(cypherLiteral(new neo4j.types.Date(2018, 6, 11))).toBe("date('2018-06-11')");
    expect(cypherLiteral(new neo4j.types.LocalDateTime(2018, 6, 11, 10, 30, 0, 0))).toBe("localdatetime('2018-06-11T10:30:00')");
  });

  it('escapes quotes, backslashes and control characters in strings', () => {
    expect(cypherString(`it's a \\ "test"\nnext\u0001`)).toBe(`'it\\'s a \\\\ "test"\\nnext\\u0001'`);
  });

  it('writes lists and maps with backquoted keys in sorted order', () => {
    expect(cypherLiteral(['a', 'b'])).toBe("['a', 'b']");
    expect(cypherMap({ b: true, 'a key': neo4j.int(2) })).toBe('{`a key`: 2, `b`: true}');
  });

  it('doubles backquotes inside names', () => {
    expect(cypherName('we`ird')).toBe('`we``ird`');
  });

  it('refuses values no property can hold', () => {
    expect(() => cypherLiteral({ nested: 1 })).toThrow(/Cannot write/);
  });
});
