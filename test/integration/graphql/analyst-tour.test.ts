import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { projectRoot } from '../../../src/config.ts';
import { dataOf } from './expect-graphql.ts';
import { serveSeededGraph, type SeededServer } from './serve-seeded-graph.ts';

/**
 * Runs every query of the analyst tour (docs/analyst-tour.md) against the real seed over HTTP and compares the result with the answer
 * printed under it. After a seed change, ENTENTE_UPDATE_TOUR=1 rewrites the printed answers (like
 * a snapshot update): review the diff before committing it.
 */
const UPDATE = process.env.ENTENTE_UPDATE_TOUR === '1';

/** A ```graphql block followed (after prose, if any) by a ```json block: the query and its answer. */
const ENTRY = /```graphql\n([\s\S]*?)```((?:(?!```)[\s\S])*?)```json\n([\s\S]*?)```/g;

interface TourEntry {
  file: string;
  query: string;
  between: string;
  answer: string;
  index: number;
  length: number;
}

interface TourFile {
  file: string;
  markdown: string;
  entries: TourEntry[];
}

/** The entries of `file`, only those inside the section headed `section` when one is given. */
async function readTourFile(file: string, section?: string): Promise<TourFile> {
  const markdown = await readFile(path.join(projectRoot, file), 'utf8');
  let [from, to] = [0, markdown.length];
  if (section !== undefined) {
    const heading = markdown.indexOf(`\n${section}\n`);
    if (heading < 0) return { file, markdown, entries: [] };
    const next = markdown.indexOf('\n## ', heading + section.length + 1);
    [from, to] = [heading, next < 0 ? markdown.length : next];
  }
  const entries = [...markdown.slice(from, to).matchAll(ENTRY)].map((match) => ({
    file,
    query: match[1]!,
    between: match[2]!,
    answer: match[3]!,
    index: from + match.index,
    length: match[0].length,
  }));
  return { file, markdown, entries };
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

const tourFiles = [await readTourFile('docs/analyst-tour.md')];
const entries = tourFiles.flatMap((tourFile) => tourFile.entries);
const results = new Map<TourEntry, unknown>();

let server: SeededServer;
beforeAll(async () => {
  server = await serveSeededGraph();
});
afterAll(async () => {
  await server?.close();
  if (!UPDATE || results.size !== entries.length) return;
  for (const tourFile of tourFiles) {
    let updated = tourFile.markdown;
    for (const entry of [...tourFile.entries].reverse()) {
      const answer = `${formatAnswer(results.get(entry))}\n`;
      const block = `\`\`\`graphql\n${entry.query}\`\`\`${entry.between}\`\`\`json\n${answer}\`\`\``;
      updated = updated.slice(0, entry.index) + block + updated.slice(entry.index + entry.length);
    }
    if (updated !== tourFile.markdown) await writeFile(path.join(projectRoot, tourFile.file), updated);
  }
});

test('the analyst tour has at least a dozen questions, each with a printed answer', () => {
  expect(entries.length).toBeGreaterThanOrEqual(12);
});

test.each(entries.map((entry, position) => [entry.file, position + 1, entry] as const))('%s: tour question %i gets the printed answer', async (_file, _n, entry) => {
  const data = dataOf(await server.query(entry.query));
  results.set(entry, data);
  if (!UPDATE) expect(data).toEqual(JSON.parse(entry.answer));
});
