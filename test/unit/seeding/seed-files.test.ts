import { describe, expect, it } from 'vitest';
import { hashSeedFiles, parseYamlFile } from '../../../src/seeding/seed-files.ts';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('hashSeedFiles', () => {
  it('does not depend on the order files were read in', () => {
    const a = { file: 'documents/a.yaml', bytes: bytes('a: 1\n') };
    const b = { file: 'reference/b.yaml', bytes: bytes('b: 2\n') };
    expect(hashSeedFiles([a, b])).toBe(hashSeedFiles([b, a]));
  });

  it('changes when a byte or a file name changes', () => {
    const base = hashSeedFiles([{ file: 'documents/a.yaml', bytes: bytes('a: 1\n') }]);
    expect(hashSeedFiles([{ file: 'documents/a.yaml', bytes: bytes('a: 2\n') }])).not.toBe(base);
    expect(hashSeedFiles([{ file: 'documents/b.yaml', bytes: bytes('a: 1\n') }])).not.toBe(base);
  });

  it('does not confuse content moved between files', () => {
    const one = hashSeedFiles([
      { file: 'documents/a.yaml', bytes: bytes('xy') },
      { file: 'documents/b.yaml', bytes: bytes('z') },
    ]);
    const two = hashSeedFiles([
      { file: 'documents/a.yaml', bytes: bytes('x') },
      { file: 'documents/b.yaml', bytes: bytes('yz') },
    ]);
    expect(one).not.toBe(two);
  });
});

describe('parseYamlFile', () => {
  it('reports a syntax error with its line', () => {
    const { problems } = parseYamlFile('reference', 'reference/x.yaml', 'entities:\n  - id: a\n    name: "unclosed\n');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ kind: 'YAML_SYNTAX', file: 'reference/x.yaml' });
    expect(problems[0]?.line).toBeGreaterThanOrEqual(3);
  });

  it('reports a key given twice in one mapping', () => {
    const { problems } = parseYamlFile('reference', 'reference/x.yaml', 'entities:\n  - id: a\n    id: b\n');
    expect(problems).toEqual([expect.objectContaining({ kind: 'YAML_SYNTAX', line: 3 })]);
  });

  it('finds the line of a nested field, or of its record when the field is missing', () => {
    const { file } = parseYamlFile('document', 'documents/x.yaml', 'entities:\n  - id: a\n    links:\n      - { to: b }\n');
    expect(file.lineOf(['entities', 0, 'links', 0, 'to'])).toBe(4);
    expect(file.lineOf(['entities', 0, 'name'])).toBe(2);
  });

  it('reads dates as YYYY-MM-DD strings', () => {
    const { file } = parseYamlFile('document', 'documents/x.yaml', 'document:\n  date: 2018-06-11\n');
    expect(file.data).toEqual({ document: { date: '2018-06-11' } });
  });
});
