import { describe, expect, it } from 'vitest';
import { parseCsvHeader } from '../../../src/formats/csv/csv-header.ts';

describe('parseCsvHeader', () => {
  it('reads node headers with ID, LABEL and typed columns', () => {
    const header = parseCsvHeader(['id:ID', ':LABEL', 'name', 'date:date', 'aliases:string[]', 'n:int'], 'f.csv');
    expect(header.kind).toBe('nodes');
    expect(header.columns).toEqual([
      { kind: 'id', property: 'id', group: undefined },
      { kind: 'label' },
      { kind: 'property', property: 'name', type: { scalar: 'string', list: false } },
      { kind: 'property', property: 'date', type: { scalar: 'date', list: false } },
      { kind: 'property', property: 'aliases', type: { scalar: 'string', list: true } },
      { kind: 'property', property: 'n', type: { scalar: 'integer', list: false } },
    ]);
  });

  it('reads relationship headers and rejects unknown types', () => {
    expect(parseCsvHeader([':START_ID', ':END_ID', ':TYPE', 'w:double'], 'r.csv').kind).toBe('relationships');
    expect(() => parseCsvHeader(['id:ID', 'x:colour'], 'f.csv')).toThrow(/unsupported type/);
    expect(() => parseCsvHeader([':START_ID', 'x'], 'r.csv')).toThrow(/END_ID/);
  });
});
