/**
 * Splits the plain text extracted from a statement (usually via pdftotext) into the passages an
 * analyst quotes: paragraphs and bullets, each under the statement's own heading. The rules are
 * those of docs/graph-model.md ("Passages of the first document", "Passage text normalisation");
 * they describe layout, not any particular text, so the same parser serves the whole corpus.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { AppError, ErrorCode } from '../errors.ts';

export type PassageKind = 'PARAGRAPH' | 'BULLET';

export interface ParsedPassage {
  /** `<documentId>#pNN`, 1-based, at least two digits. */
  id: string;
  documentId: string;
  /** The heading the passage sits under (without its colon), or `Preamble` before the first. */
  section: string;
  /** 1-based position in the document. */
  order: number;
  kind: PassageKind;
  /** Normalised text: bullet marker removed, lines joined, whitespace collapsed, trimmed. */
  text: string;
  /** Offset (UTF-16 code units into the decoded file) of the passage's first word. */
  start: number;
  /** Offset just after the passage's last character (exclusive). */
  end: number;
}

export interface ParseStatementOptions {
  documentId: string;
  /** The section name for passages before the first heading. */
  preambleSection?: string;
}

export interface StatementFile {
  text: string;
  sha256: string;
  passages: ParsedPassage[];
}

export const PREAMBLE_SECTION = 'Preamble';

/** Hex SHA-256 of the file's bytes (or of a string's UTF-8 encoding). */
export function sha256(content: string | Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}

/** The passage id for a 1-based position: `<documentId>#p01`. */
export function passageId(documentId: string, order: number): string {
  return `${documentId}#p${String(order).padStart(2, '0')}`;
}

/** Collapses runs of whitespace to one space and trims; the form quotes are matched in. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/gu, ' ').trim();
}

/** Reads a statement file (UTF-8), hashes its bytes and parses it into passages. */
export async function readStatementFile(path: string, options: ParseStatementOptions): Promise<StatementFile> {
  return parseStatementBytes(await readFile(path), path, options);
}

/** Decodes (strict UTF-8), hashes and parses a statement's bytes; `source` names it in errors. */
export function parseStatementBytes(bytes: Uint8Array, source: string, options: ParseStatementOptions): StatementFile {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch (cause) {
    throw new AppError(ErrorCode.DOCUMENT_INVALID, `${source} is not valid UTF-8`, {
      cause,
      details: { file: source },
      hint: 'Convert the extracted text to UTF-8 before adding it to the seed.',
    });
  }
  const passages = parseStatement(text, options);
  if (passages.length === 0) {
    throw new AppError(ErrorCode.DOCUMENT_INVALID, `${source} contains no passages`, { details: { file: source } });
  }
  return { text, sha256: sha256(bytes), passages };
}

// A line and where its content sits in the original text.
interface Line {
  /** Offset of the line's first character. */
  offset: number;
  raw: string;
}

// A run of lines that will become (part of) one passage.
interface Block {
  lines: Line[];
  bullet: boolean;
  /** True when the block was preceded by one or more blank lines (or starts the text). */
  afterBlank: boolean;
}

// "-", "•", "*", "–", "—" followed by whitespace; a marker alone on a line is also a bullet.
const BULLET_MARKER = /^[^\S\r\n]*[-•*–—▪◦·](?=\s|$)[^\S\r\n]*/u;
// A page number left by the PDF extraction, alone between blank lines: "3", "- 3 -", "Page 3 of 5".
const PAGE_NUMBER = /^(?:(?:page\s+)?\d{1,4}(?:\s*(?:\/|of)\s*\d{1,4})?|[-–—]\s*\d{1,4}\s*[-–—])$/iu;
const SENTENCE_END = /[.:;!?]["'”’)\]]*$/u;
const HEADING_MAX_LENGTH = 100;
// Verbs that end a lead-in sentence before a list, not a heading.
const LEAD_IN =
  /\b(?:decided?|agreed?|undertaken?|undertake|commit(?:ted)?|resolved?|declared?|(?:re)?affirm(?:ed)?|state[sd]?|announced?|follows?|following|includes?|including|namely|are|is|will|shall|to|as)\s*:$/iu;

/** Parses statement text into its passages, in document order. */
export function parseStatement(text: string, options: ParseStatementOptions): ParsedPassage[] {
  const blocks = mergePageBreaks(splitBlocks(splitLines(text)).filter((block) => !isPageNumber(block)));
  const vocabulary = collectVocabulary(text);
  const passages: ParsedPassage[] = [];
  let section = options.preambleSection ?? PREAMBLE_SECTION;

  blocks.forEach((block, index) => {
    const next = blocks[index + 1];
    if (isHeading(block, next)) {
      section = headingText(block);
      return;
    }
    const span = blockSpan(block);
    const order = passages.length + 1;
    passages.push({
      id: passageId(options.documentId, order),
      documentId: options.documentId,
      section,
      order,
      kind: block.bullet ? 'BULLET' : 'PARAGRAPH',
      text: normaliseBlock(block, vocabulary),
      start: span.start,
      end: span.end,
    });
  });
  return passages;
}

function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const pattern = /([^\r\n]*)(\r\n|\r|\n|$)/gy;
  let match: RegExpExecArray | null;
  while ((match = pattern.exec(text)) !== null) {
    lines.push({ offset: match.index, raw: match[1] ?? '' });
    if (match[2] === '') break;
  }
  return lines;
}

const isBlank = (line: Line): boolean => line.raw.trim() === '';

/**
 * Groups lines into blocks at blank lines, and starts a new block at a bullet marker that
 * opens a line after a finished sentence (bullets are not always separated by blank lines,
 * while a dash opening a line mid-sentence is punctuation, not a bullet).
 */
function splitBlocks(lines: Line[]): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  let sawBlank = true;
  for (const line of lines) {
    if (isBlank(line)) {
      current = undefined;
      sawBlank = true;
      continue;
    }
    const marker = BULLET_MARKER.test(line.raw);
    const previous = current?.lines.at(-1);
    const opensBullet = marker && (current === undefined || (previous !== undefined && SENTENCE_END.test(previous.raw.trim())));
    if (current === undefined || opensBullet) {
      current = { lines: [], bullet: marker, afterBlank: sawBlank };
      blocks.push(current);
    }
    current.lines.push(line);
    sawBlank = false;
  }
  return blocks;
}

function isPageNumber(block: Block): boolean {
  return block.afterBlank && block.lines.length === 1 && PAGE_NUMBER.test(block.lines[0]?.raw.trim() ?? '');
}

/**
 * Joins blocks split by a page break inside a sentence: the previous block does not end a
 * sentence and the next one starts in lower case (or with a number that is not list numbering).
 */
function mergePageBreaks(blocks: Block[]): Block[] {
  const merged: Block[] = [];
  for (const block of blocks) {
    const previous = merged.at(-1);
    if (previous !== undefined && !block.bullet && block.afterBlank && continuesSentence(previous, block)) {
      previous.lines.push(...block.lines);
    } else {
      merged.push({ ...block, lines: [...block.lines] });
    }
  }
  return merged;
}

function continuesSentence(previous: Block, next: Block): boolean {
  const lastLine = previous.lines.at(-1)?.raw.trim() ?? '';
  const firstLine = next.lines[0]?.raw.trim() ?? '';
  // A number continues the sentence ("by the end of" / "2019"), list numbering ("2.") does not.
  const continues = /^\p{Ll}/u.test(firstLine) || (/^\p{N}/u.test(firstLine) && !/^\p{N}+[.)](\s|$)/u.test(firstLine));
  return !SENTENCE_END.test(lastLine) && continues;
}

/**
 * A heading is a lone short line ending in ':' that introduces bullets ("In counter-terrorism
 * matters:"), unless it reads as the end of a lead-in sentence ("They decided:"), whose bullets
 * stay in the current section.
 */
function isHeading(block: Block, next: Block | undefined): boolean {
  if (block.bullet || block.lines.length !== 1 || next === undefined || !next.bullet) return false;
  const line = block.lines[0]?.raw.trim() ?? '';
  return line.endsWith(':') && line.length <= HEADING_MAX_LENGTH && !/[.;!?]\s/u.test(line) && !LEAD_IN.test(line);
}

function headingText(block: Block): string {
  return collapseWhitespace(block.lines[0]?.raw ?? '').replace(/\s*:$/u, '');
}

/** The block's lines with the bullet marker and surrounding whitespace cut away. */
function contentLines(block: Block): { offset: number; text: string }[] {
  return block.lines.map((line, index) => {
    let raw = line.raw;
    let offset = line.offset;
    if (index === 0 && block.bullet) {
      const marker = BULLET_MARKER.exec(raw)?.[0] ?? '';
      raw = raw.slice(marker.length);
      offset += marker.length;
    }
    const leading = raw.length - raw.trimStart().length;
    return { offset: offset + leading, text: raw.trim() };
  });
}

function blockSpan(block: Block): { start: number; end: number } {
  const lines = contentLines(block).filter((line) => line.text !== '');
  const first = lines[0];
  const last = lines.at(-1);
  if (first === undefined || last === undefined) {
    const offset = block.lines[0]?.offset ?? 0;
    return { start: offset, end: offset };
  }
  return { start: first.offset, end: last.offset + last.text.length };
}

/** Lower-cased words of the whole text: decides whether a line-end hyphen was real. */
function collectVocabulary(text: string): Set<string> {
  return new Set(Array.from(text.matchAll(/\p{L}+/gu), (match) => match[0].toLowerCase()));
}

function normaliseBlock(block: Block, vocabulary: Set<string>): string {
  let joined = '';
  for (const line of contentLines(block)) {
    const piece = collapseWhitespace(line.text);
    if (piece === '') continue;
    const hyphenated = /(\p{L}+)-$/u.exec(joined);
    const tail = /^\p{L}+/u.exec(piece);
    if (hyphenated !== null && tail !== null) {
      const whole = `${hyphenated[1] ?? ''}${tail[0]}`.toLowerCase();
      // The unhyphenated word elsewhere means the hyphen only marked a line break.
      joined = vocabulary.has(whole) ? `${joined.slice(0, -1)}${piece}` : `${joined}${piece}`;
    } else {
      joined = joined === '' ? piece : `${joined} ${piece}`;
    }
  }
  return joined;
}
