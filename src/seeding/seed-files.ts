/**
 * Reading the seed directory: file discovery, YAML parsing with line numbers, and the seed hash.
 * Kept apart from the checks so that those work on plain data.
 */
import { createHash } from 'node:crypto';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { LineCounter, parseDocument, type Document } from 'yaml';
import { AppError, ErrorCode } from '../errors.ts';
import type { SeedProblem } from './seed-problems.ts';

export type SeedFileKind = 'document' | 'reference' | 'lifecycle';

export interface SeedYamlFile {
  kind: SeedFileKind;
  /** Path relative to the seed directory, with `/` separators. */
  file: string;
  /** The parsed content; undefined when the YAML has syntax errors. */
  data: unknown;
  /** The 1-based line of the node at `path` (or of its nearest existing parent). */
  lineOf(path: readonly (string | number)[]): number | undefined;
}

export interface SeedFiles {
  yaml: SeedYamlFile[];
  /** Bytes of every `.txt` in `documents/`, by file name. */
  documentTexts: Map<string, Uint8Array>;
  /** SHA-256 over every seed file's path and bytes, in path order. */
  seedHash: string;
  problems: SeedProblem[];
}

/** No curated file comes near this; a larger one is a mistake or an attack, refused unread. */
export const MAX_SEED_FILE_BYTES = 16 * 1024 * 1024;

/** YAML alias expansions allowed in one file (the yaml library's default): a bomb stops here. */
const MAX_ALIAS_COUNT = 100;

const SEED_FOLDERS: { folder: string; kind: SeedFileKind }[] = [
  { folder: 'documents', kind: 'document' },
  { folder: 'reference', kind: 'reference' },
  { folder: 'lifecycle', kind: 'lifecycle' },
];

/** Reads `documents/*.{yaml,yml,txt}`, `reference/*.{yaml,yml}` and `lifecycle/*.{yaml,yml}` under `seedDir`. */
export async function readSeedFiles(seedDir: string): Promise<SeedFiles> {
  const yaml: SeedYamlFile[] = [];
  const documentTexts = new Map<string, Uint8Array>();
  const problems: SeedProblem[] = [];
  const hashed: { file: string; bytes: Uint8Array }[] = [];

  for (const entry of await listSeedFiles(seedDir)) {
    const { file, kind, name, size } = entry;
    if (size > MAX_SEED_FILE_BYTES) {
      problems.push({ kind: 'FILE_TOO_LARGE', file, reason: `the file has ${size} bytes; seed files may have at most ${MAX_SEED_FILE_BYTES}` });
      continue;
    }
    const bytes = await readFile(entry.path);
    hashed.push({ file, bytes });
    const invalidLine = firstInvalidUtf8Line(bytes);
    if (invalidLine !== undefined) {
      problems.push({ kind: 'ENCODING', file, line: invalidLine, reason: 'the line is not valid UTF-8; save the file as UTF-8' });
      continue;
    }
    if (entry.isText) {
      documentTexts.set(name, bytes);
    } else {
      const parsed = parseYamlFile(kind, file, Buffer.from(bytes).toString('utf8'));
      yaml.push(parsed.file);
      problems.push(...parsed.problems);
    }
  }
  return { yaml, documentTexts, seedHash: hashSeedFiles(hashed), problems };
}

/**
 * The hash `readSeedFiles` would give, without parsing anything: what start-up compares with the
 * database's. Undefined when a file is too large to be read (the seed is then invalid, and only
 * the full read says why).
 */
export async function hashSeedDir(seedDir: string): Promise<string | undefined> {
  const hashed: { file: string; bytes: Uint8Array }[] = [];
  for (const entry of await listSeedFiles(seedDir)) {
    if (entry.size > MAX_SEED_FILE_BYTES) return undefined;
    hashed.push({ file: entry.file, bytes: await readFile(entry.path) });
  }
  return hashSeedFiles(hashed);
}

interface SeedFileEntry {
  kind: SeedFileKind;
  /** Relative to the seed directory. */
  file: string;
  name: string;
  path: string;
  size: number;
  /** A document's source text (the rest is YAML). */
  isText: boolean;
}

async function listSeedFiles(seedDir: string): Promise<SeedFileEntry[]> {
  const entries: SeedFileEntry[] = [];
  for (const { folder, kind } of SEED_FOLDERS) {
    for (const name of await listFolder(seedDir, folder)) {
      const isYaml = /\.ya?ml$/u.test(name);
      const isText = kind === 'document' && name.endsWith('.txt');
      if (!isYaml && !isText) continue;
      const filePath = join(seedDir, folder, name);
      const { size } = await stat(filePath);
      entries.push({ kind, file: `${folder}/${name}`, name, path: filePath, size, isText });
    }
  }
  return entries;
}

async function listFolder(seedDir: string, folder: string): Promise<string[]> {
  try {
    const entries = await readdir(join(seedDir, folder), { withFileTypes: true });
    return entries
      .filter((entry) => entry.isFile())
      .map((entry) => entry.name)
      .sort();
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') {
      if (folder === 'documents') {
        throw new AppError(ErrorCode.SEED_INVALID, `The seed directory ${seedDir} has no documents/ folder`, {
          cause,
          details: { seedDir },
          hint: 'Point the seed command at the folder holding documents/ and reference/.',
        });
      }
      return [];
    }
    throw cause;
  }
}

/** Parses one YAML file; syntax errors become problems with their line numbers. */
export function parseYamlFile(kind: SeedFileKind, file: string, source: string): { file: SeedYamlFile; problems: SeedProblem[] } {
  const lineCounter = new LineCounter();
  const document = parseDocument(source, { lineCounter, uniqueKeys: true, prettyErrors: true });
  const problems: SeedProblem[] = document.errors.map((error) => ({
    kind: 'YAML_SYNTAX',
    file,
    line: error.linePos?.[0].line,
    reason: `YAML syntax error: ${(error.message.split('\n')[0] ?? error.code).replace(/ at line \d+, column \d+:?$/u, '')}`,
  }));
  let data: unknown;
  if (problems.length === 0) {
    try {
      data = document.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
    } catch {
      // The one failure left after a clean parse: aliases that expand without end (a "billion laughs").
      problems.push({ kind: 'YAML_SYNTAX', file, reason: `YAML aliases expand too far (over ${MAX_ALIAS_COUNT} expansions); write the values out` });
    }
  }
  return { file: { kind, file, data, lineOf: linesOf(source) }, problems };
}

/**
 * Line lookups for one file. The parsed YAML tree is many times the size of the file, and only
 * problems need lines: the tree is dropped now and parsed again on the first lookup, so a large
 * valid corpus is not held twice in memory (at 1000x that drove the validation into GC thrash).
 */
function linesOf(source: string): SeedYamlFile['lineOf'] {
  let tree: { document: Document; lineCounter: LineCounter } | undefined;
  return (path) => {
    if (tree === undefined) {
      const lineCounter = new LineCounter();
      tree = { document: parseDocument(source, { lineCounter, uniqueKeys: true }), lineCounter };
    }
    return lineOf(tree.document, tree.lineCounter, path);
  };
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** The 1-based line holding the first byte sequence that is not UTF-8; undefined when all is valid. */
export function firstInvalidUtf8Line(bytes: Uint8Array): number | undefined {
  try {
    strictUtf8.decode(bytes);
    return undefined;
  } catch {
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i += 1) {
      if (i === bytes.length || bytes[i] === 0x0a) {
        try {
          strictUtf8.decode(bytes.subarray(start, i));
        } catch {
          return line;
        }
        line += 1;
        start = i + 1;
      }
    }
    return line;
  }
}

function lineOf(document: Document, lineCounter: LineCounter, path: readonly (string | number)[]): number | undefined {
  // A missing field has no node: fall back to the nearest parent (usually the record).
  for (let length = path.length; length >= 0; length -= 1) {
    const node: unknown = length === 0 ? document.contents : document.getIn(path.slice(0, length), true);
    const offset = (node as { range?: [number, number, number] } | null | undefined)?.range?.[0];
    if (offset !== undefined) return lineCounter.linePos(offset).line;
  }
  return undefined;
}

/** The hash the server compares to tell whether the seed changed since it was loaded. */
export function hashSeedFiles(files: readonly { file: string; bytes: Uint8Array }[]): string {
  const hash = createHash('sha256');
  for (const { file, bytes } of [...files].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0))) {
    hash.update(`${file}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}
