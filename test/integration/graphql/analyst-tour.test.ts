import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { projectRoot } from '../../../src/config.ts';
import { dataOf } from './expect-graphql.ts';
import { serveSeededGraph, type SeededServer } from './serve-seeded-graph.ts';

/**
 * Runs every query of the analyst tour against the real seed over HTTP and compares the result
 * with the answer printed under it. After a seed change, ENTENTE_UPDATE_TOUR=1 rewrites the
 * printed answers (like a snapshot update): review the diff before committing it.
 */
const TOUR_FILE = path.join(projectRoot, 'docs', 'analyst-tour.md');
const UPDATE = process.env.ENTENTE_UPDATE_TOUR === '1';

/** A ```graphql block followed (after prose, if any) by a ```json block: the query and its answer. */
const ENTRY = /```graphql\n([\s\S]*?)```((?:(?!```)[\s\S])*?)```json\n([\s\S]*?)```/g;

interface TourEntry {
  query: string;
  between: string;
  answer: string;
  index: number;
  length: number;
}

function parseTour(markdown: string): TourEntry[] {
  return [...markdown.matchAll(ENTRY)].map((match) => ({
    query: match[1]!,
    between: match[2]!,
    answer: match[3]!,
    index: match.index,
    length: match[0].length,
  }));
}

/** JSON with each object or list on one line when it fits in 100 columns: answers stay readable. */
export function formatAnswer(value: unknown, indent = '', column = indent.length): string {
  const flat = JSON.stringify(value, null, 1).replace(/\n\s*/g, ' ').replace(/([[{]) /g, '$1').replace(/ ([\]}])/g, '$1');
  if (column + flat.length <= 100 || value === null || typeof value !== 'object') return flat;
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((item) => inner + formatAnswer(item, inner)).join(',\n')}\n${indent}]`;
  const fields = Object.entries(value).map(([key, item]) => {
    const label = `${inner}${JSON.stringify(key)}: `;
    return label + formatAnswer(item, inner, label.length);
  });
  return `{\n${fields.join(',\n')}\n${indent}}`;
}

const markdown = await readFile(TOUR_FILE, 'utf8');
const entries = parseTour(markdown);
const results = new Map<number, unknown>();

let server: SeededServer;
beforeAll(async () => {
  server = await serveSeededGraph();
});
afterAll(async () => {
  await server?.close();
  if (UPDATE && results.size === entries.length) {
    let updated = markdown;
    for (const entry of [...entries].reverse()) {
      const answer = `${formatAnswer(results.get(entry.index))}\n`;
      const block = `\`\`\`graphql\n${entry.query}\`\`\`${entry.between}\`\`\`json\n${answer}\`\`\``;
      updated = updated.slice(0, entry.index) + block + updated.slice(entry.index + entry.length);
    }
    await writeFile(TOUR_FILE, updated);
  }
});

test('the tour has at least a dozen questions, each with a printed answer', () => {
  expect(entries.length).toBeGreaterThanOrEqual(12);
});

test.each(entries.map((entry, position) => [position + 1, entry] as const))('tour question %i gets the printed answer', async (_n, entry) => {
  const data = dataOf(await server.query(entry.query));
  results.set(entry.index, data);
  if (!UPDATE) expect(data).toEqual(JSON.parse(entry.answer));
});
