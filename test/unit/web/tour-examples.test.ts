import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../../src/config.ts';
import { tourExamples } from '../../../web/src/ide/tour-examples.ts';

describe('tourExamples', () => {
  it('turns every numbered question of the analyst tour into a named, parseable query', async () => {
    const tour = await readFile(path.join(projectRoot, 'docs', 'analyst-tour.md'), 'utf8');
    const examples = tourExamples(tour);
    const questions = tour.match(/^## \d+\./gm) ?? [];
    expect(examples.length).toBe(questions.length);
    expect(examples.length).toBeGreaterThanOrEqual(7);
    for (const example of examples) {
      const document = parse(example.query);
      const operation = document.definitions[0] as { name?: { value: string } };
      expect(operation.name?.value, example.title).toMatch(/^Q\d+[A-Z]/);
    }
    expect(examples[0]!.title).toMatch(/^1\. Who attended the meeting/);
  });
});
