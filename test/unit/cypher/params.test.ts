import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { parseParam, parseParams } from '../../../src/cypher/params.ts';
import { parseTimeout } from '../../../src/cypher/run-read-query.ts';
import { isAppError, ErrorCode } from '../../../src/errors.ts';

const value = (argument: string) => {
  const parsed = parseParam(argument).value;
  return parsed.kind === 'value' ? parsed.value : parsed;
};

describe('parseParam', () => {
  it('reads whole numbers as Integers and decimals as Floats', () => {
    expect(neo4j.isInt(value('n=42'))).toBe(true);
    expect(String(value('n=9007199254740993'))).toBe('9007199254740993');
    expect(value('x=4.0')).toBe(4);
    expect(neo4j.isInt(value('x=4.0'))).toBe(false);
    expect(value('x=1e3')).toBe(1000);
  });

  it('reads booleans, null and plain strings', () => {
    expect(value('b=true')).toBe(true);
    expect(value('v=null')).toBe(null);
    expect(value('s=Val Duchesse')).toBe('Val Duchesse');
    expect(value('s=a=b')).toBe('a=b');
  });

  it('reads JSON lists and maps, keeping Integer and Float apart inside', () => {
    const list = value('ids=["FR","BE"]');
    expect(list).toEqual(['FR', 'BE']);
    const map = value('m={"n": 1, "x": 1.0}') as Record<string, unknown>;
    expect(neo4j.isInt(map.n)).toBe(true);
    expect(map.x).toBe(1);
    expect(neo4j.isInt(map.x)).toBe(false);
  });

  it("reads date('...') and the other temporal functions as temporal values for Neo4j to parse", () => {
    expect(value("since=date('2018-05-29')")).toEqual({ kind: 'temporal', fn: 'date', text: '2018-05-29' });
    expect(value('at=datetime("2018-06-11T10:00:00+02:00")')).toEqual({ kind: 'temporal', fn: 'datetime', text: '2018-06-11T10:00:00+02:00' });
  });

  it('takes an explicit type over the inferred one', () => {
    expect(value('code:string=007')).toBe('007');
    expect(value('since:date=2018-05-29')).toEqual({ kind: 'temporal', fn: 'date', text: '2018-05-29' });
    expect(value('x:float=3')).toBe(3);
    expect(neo4j.isInt(value('x:int=3'))).toBe(true);
  });

  it('rejects bad names, bad values, unknown types and repeated names as usage errors', () => {
    for (const bad of ['=1', '1x=2', 'x:int=1.5', 'x:colour=red', 'x=[1,', 'x:boolean=yes', 'n=99999999999999999999']) {
      let error: unknown;
      try {
        parseParam(bad);
      } catch (e) {
        error = e;
      }
      expect(isAppError(error, ErrorCode.USAGE), bad).toBe(true);
    }
    expect(() => parseParams(['a=1', 'a=2'])).toThrow(/twice/);
  });
});

describe('parseTimeout', () => {
  it('reads ms, s, m and bare seconds', () => {
    expect(parseTimeout('500ms')).toBe(500);
    expect(parseTimeout('30s')).toBe(30_000);
    expect(parseTimeout('2m')).toBe(120_000);
    expect(parseTimeout('5')).toBe(5000);
    expect(() => parseTimeout('soon')).toThrow(/duration/);
  });
});
