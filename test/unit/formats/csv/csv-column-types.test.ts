import { describe, expect, it } from 'vitest';
import { CSV_TYPE_NAMES, scalarTypeOfCsvName } from '../../../../src/formats/csv/csv-column-types.ts';

describe('the CSV column type table', () => {
  it('reads back every type name the exporter writes as the same type', () => {
    for (const [scalar, name] of Object.entries(CSV_TYPE_NAMES)) expect(scalarTypeOfCsvName(name)).toBe(scalar);
  });

  it("accepts neo4j-admin's other names in any case, and nothing else", () => {
    expect(scalarTypeOfCsvName('INT')).toBe('integer');
    expect(scalarTypeOfCsvName('char')).toBe('string');
    expect(scalarTypeOfCsvName('float')).toBe('float');
    expect(scalarTypeOfCsvName('constructor')).toBeUndefined();
    expect(scalarTypeOfCsvName('decimal')).toBeUndefined();
  });
});
