import { describe, expect, it } from 'vitest';
import { parseJavaMajor } from '../../../src/neo4j/find-java.ts';

describe('parseJavaMajor', () => {
  it.each([
    ['openjdk version "17.0.15" 2025-04-15', 17],
    ['openjdk version "21" 2023-09-19', 21],
    ['openjdk version "25.0.1" 2025-10-21 LTS', 25],
    ['java version "1.8.0_392"', 8],
  ])('reads %s as %i', (text, major) => {
    expect(parseJavaMajor(text)).toBe(major);
  });

  it('gives undefined for text without a version', () => {
    expect(parseJavaMajor('bash: java: command not found')).toBeUndefined();
  });
});
