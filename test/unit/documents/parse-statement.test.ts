import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { isAppError, ErrorCode } from '../../../src/errors.ts';
import {
  collapseWhitespace,
  parseStatement,
  parseStatementBytes,
  readStatementFile,
  sha256,
  type ParsedPassage,
  type StatementFile,
} from '../../../src/documents/parse-statement.ts';

const documentPath = fileURLToPath(new URL('../../../seed/documents/val-duchesse-ii-2018.txt', import.meta.url));
const documentId = 'val-duchesse-ii-2018';

const passage = (passages: ParsedPassage[], short: string): ParsedPassage => {
  const found = passages.find((p) => p.id === `${documentId}#${short}`);
  if (found === undefined) throw new Error(`no passage ${short}`);
  return found;
};

describe('parseStatement on the Val Duchesse II statement', () => {
  let file: StatementFile;
  let passages: ParsedPassage[];

  beforeAll(async () => {
    file = await readStatementFile(documentPath, { documentId });
    passages = file.passages;
  });

  it('finds 30 passages numbered p01 to p30 in order', () => {
    expect(passages).toHaveLength(30);
    expect(passages.map((p) => p.id)).toEqual(
      Array.from({ length: 30 }, (_, i) => `${documentId}#p${String(i + 1).padStart(2, '0')}`),
    );
    expect(passages.map((p) => p.order)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect(new Set(passages.map((p) => p.documentId))).toEqual(new Set([documentId]));
  });

  it('puts the opening paragraphs in the Preamble', () => {
    const preamble = passages.filter((p) => p.section === 'Preamble');
    expect(preamble.map((p) => p.order)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(preamble.every((p) => p.kind === 'PARAGRAPH')).toBe(true);
  });

  it('takes sections from the headings, without the colon, with their bullets', () => {
    const counts = (section: string, kind: string) =>
      passages.filter((p) => p.section === section && p.kind === kind).map((p) => p.order);
    expect(counts('In counter-terrorism matters', 'BULLET')).toEqual([9, 10, 11, 12, 13, 14, 15]);
    expect(counts('In counter-terrorism matters', 'PARAGRAPH')).toEqual([]);
    expect(counts('In the fight against violent radicalisation', 'BULLET')).toEqual([16, 17, 18, 19, 20, 21, 22]);
    expect(counts('In the fight against violent radicalisation', 'PARAGRAPH')).toEqual([]);
    expect(counts('At European level', 'BULLET')).toEqual([23, 24, 25, 26, 29]);
    expect(counts('At European level', 'PARAGRAPH')).toEqual([27, 28, 30]);
    expect(new Set(passages.map((p) => p.section)).size).toBe(4);
  });

  it('keeps a colon-ending sentence inside its paragraph instead of making it a heading', () => {
    const p08 = passage(passages, 'p08');
    expect(p08.section).toBe('Preamble');
    expect(p08.text).toBe(
      'Determined to persevere in tackling the challenges posed by terrorism and violent radicalisation, France and Belgium have decided:',
    );
  });

  it('keeps real compound hyphens broken across lines', () => {
    expect(passage(passages, 'p01').text).toContain('Franco-Belgian partnership in counter-terrorism matters.');
    expect(passage(passages, 'p15').text).toContain('translated into high-level concrete action.');
    expect(passages.some((p) => /counter- terrorism|high- level|counterterrorism|highlevel/u.test(p.text))).toBe(false);
  });

  it('joins bullets and paragraphs that a page break split mid-sentence', () => {
    expect(passage(passages, 'p12').text).toContain('to agree on coordinating more closely in efforts to counter trafficking');
    expect(passage(passages, 'p22').text).toContain('experts on the issue of returning minors, so as to discuss');
    expect(passage(passages, 'p23').text).toContain('To address these challenges, the European Union (EU) has leveraged');
    expect(passage(passages, 'p23').text).toMatch(/third-country nationals admitted for a short stay at the EU's external borders\.$/u);
  });

  it('removes bullet markers whatever the spacing after them', () => {
    expect(passage(passages, 'p09').text).toMatch(/^To further strengthen information exchanges/u);
    expect(passage(passages, 'p13').text).toMatch(/^Stressing the need/u);
    expect(passage(passages, 'p22').text).toMatch(/^To hold a meeting by the end of 2018/u);
    expect(passages.every((p) => p.text === collapseWhitespace(p.text) && !p.text.startsWith('-'))).toBe(true);
  });

  it('keeps characters as they are', () => {
    expect(passage(passages, 'p01').text).toContain('Édouard Philippe');
    expect(passage(passages, 'p01').text).toContain('Gérard Collomb');
    expect(passage(passages, 'p01').text).toContain('in recent years – not least the most recent attack that targeted Liège on 29 May –');
  });

  it('records offsets whose slice of the original holds exactly the passage words', () => {
    for (const p of passages) {
      const slice = file.text.slice(p.start, p.end);
      expect(slice, p.id).toBe(slice.trim());
      // Joining the lines (a line-end hyphen joins without a space) gives the text back.
      const words = (s: string) => s.replace(/-\s+/gu, '-').replace(/\s+/gu, ' ');
      expect(words(slice), p.id).toBe(words(p.text));
    }
    for (let i = 1; i < passages.length; i += 1) {
      expect(passages[i]!.start).toBeGreaterThanOrEqual(passages[i - 1]!.end);
    }
  });

  it('gives the same ids, offsets and texts on a second parse', async () => {
    const again = await readStatementFile(documentPath, { documentId });
    expect(again.passages).toEqual(passages);
  });

  it('hashes the file bytes with SHA-256', async () => {
    expect(file.sha256).toMatch(/^[0-9a-f]{64}$/u);
    expect(file.sha256).toBe(sha256(await readFile(documentPath)));
  });
});

describe('parseStatement layout rules', () => {
  const parse = (text: string) => parseStatement(text, { documentId: 'd' });

  it('drops a line-end hyphen when the unhyphenated word occurs elsewhere', () => {
    const [first] = parse('We fight counter-\nterrorism here. Counterterrorism is a word.\n');
    expect(first?.text).toBe('We fight counterterrorism here. Counterterrorism is a word.');
  });

  it('keeps the hyphen before a capitalised word', () => {
    const [first] = parse('The Franco-\nBelgian partnership.\n');
    expect(first?.text).toBe('The Franco-Belgian partnership.');
  });

  it('starts a new bullet at a marker line without blank lines between bullets', () => {
    const passages = parse('Our plans:\n\n- One thing.\n- Another\nthing.\n*   A third thing.\n');
    expect(passages.map((p) => [p.section, p.kind, p.text])).toEqual([
      ['Our plans', 'BULLET', 'One thing.'],
      ['Our plans', 'BULLET', 'Another thing.'],
      ['Our plans', 'BULLET', 'A third thing.'],
    ]);
  });

  it('treats a dash opening a line mid-sentence as punctuation', () => {
    const passages = parse('A sentence that goes on\n– with an aside – and ends.\n');
    expect(passages).toHaveLength(1);
    expect(passages[0]?.text).toBe('A sentence that goes on – with an aside – and ends.');
  });

  it('keeps a one-line lead-in sentence before bullets out of the headings', () => {
    const passages = parse('They decided:\n\n- To meet again.\n\nThe Parties have agreed as follows:\n\n- To write.\n');
    expect(passages.map((p) => [p.section, p.kind, p.text])).toEqual([
      ['Preamble', 'PARAGRAPH', 'They decided:'],
      ['Preamble', 'BULLET', 'To meet again.'],
      ['Preamble', 'PARAGRAPH', 'The Parties have agreed as follows:'],
      ['Preamble', 'BULLET', 'To write.'],
    ]);
  });

  it('does not treat a lone colon line followed by a paragraph as a heading', () => {
    const passages = parse('We note:\n\nThe following paragraph.\n');
    expect(passages.map((p) => p.text)).toEqual(['We note:', 'The following paragraph.']);
    expect(passages.every((p) => p.section === 'Preamble')).toBe(true);
  });

  it('does not merge a block starting with a capital after a page break', () => {
    const passages = parse('First paragraph without a stop\n\n  \n\nSecond paragraph.\n');
    expect(passages).toHaveLength(2);
  });

  it('drops page numbers and form feeds left by PDF extraction, joining the sentence they split', () => {
    const text = 'We will act on the\n\n\f\n  2\n\nPage 3 of 4\n\n- 4 -\n\n\frecommendations of the report.\n';
    const passages = parse(text);
    expect(passages.map((p) => p.text)).toEqual(['We will act on the recommendations of the report.']);
    expect(text.slice(passages[0]!.start, passages[0]!.end)).toMatch(/^We will act.*report\.$/su);
  });

  it('takes a marker alone on its line, or after a form feed, as a bullet', () => {
    const passages = parse('Plans:\n\n-\nTo act now.\n\n\f- To act later.\n');
    expect(passages.map((p) => [p.section, p.kind, p.text])).toEqual([
      ['Plans', 'BULLET', 'To act now.'],
      ['Plans', 'BULLET', 'To act later.'],
    ]);
  });

  it('handles CRLF line ends and gives offsets into the original', () => {
    const text = 'Heading:\r\n\r\n-  Do this\r\nand that.\r\n';
    const [only] = parse(text);
    expect(only?.text).toBe('Do this and that.');
    expect(text.slice(only!.start, only!.end)).toBe('Do this\r\nand that.');
  });

  it('refuses bytes that are not UTF-8', () => {
    const error = captureError(() => parseStatementBytes(new Uint8Array([0x41, 0xff, 0xfe, 0x0a]), 'bad.txt', { documentId: 'd' }));
    expect(isAppError(error, ErrorCode.DOCUMENT_INVALID)).toBe(true);
  });

  it('refuses a text without any passage', () => {
    const error = captureError(() => parseStatementBytes(new TextEncoder().encode('  \n\n'), 'empty.txt', { documentId: 'd' }));
    expect(isAppError(error, ErrorCode.DOCUMENT_INVALID)).toBe(true);
  });
});

function captureError(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  return undefined;
}
