import { Kind } from 'graphql';
import { afterEach, describe, expect, test } from 'vitest';
import { DateScalar, parseIsoDate } from '../../../../src/server/schema/date-scalar.ts';

const originalTz = process.env.TZ;
afterEach(() => {
  if (originalTz === undefined) delete process.env.TZ;
  else process.env.TZ = originalTz;
});

describe('Date scalar', () => {
  test.each(['America/New_York', 'UTC', 'Pacific/Auckland'])('"2018-05-25" stays 25 May 2018 in %s', (tz) => {
    process.env.TZ = tz;
    expect(DateScalar.parseValue('2018-05-25').toString()).toBe('2018-05-25');
    expect(DateScalar.parseLiteral({ kind: Kind.STRING, value: '2018-12-31' }, {}).toString()).toBe('2018-12-31');
  });

  test.each(['2018-02-30', '2018-13-01', '25 May 2018', '2018-5-25', '2018-05-25T00:00:00Z', ''])('"%s" is refused', (text) => {
    expect(() => parseIsoDate(text)).toThrow(/YYYY-MM-DD/);
  });

  test('serialises Neo4j dates and ISO strings as YYYY-MM-DD', () => {
    expect(DateScalar.serialize(parseIsoDate('2016-02-01'))).toBe('2016-02-01');
    expect(DateScalar.serialize('2016-02-01')).toBe('2016-02-01');
    expect(() => DateScalar.serialize(42)).toThrow();
  });
});
