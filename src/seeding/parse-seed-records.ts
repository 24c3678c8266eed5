/**
 * First pass over the seed: each file's shape, each record against its schema, and each document's
 * text parsed into passages. A bad record is reported and set aside; the others go on to the
 * cross-record checks in build-seed-plan.ts.
 */
import { parseStatementBytes, type ParsedPassage } from '../documents/parse-statement.ts';
import { ErrorCode, isAppError } from '../errors.ts';
import { NODE_LABELS, type NodeLabel } from '../graph/graph-plan.ts';
import type { SeedYamlFile } from './seed-files.ts';
import { valueAt, type FieldPath, type ProblemCollector, type ReasonTweak, type RecordOrigin } from './seed-problems.ts';
import {
  documentEntitySchema,
  documentFileSchema,
  documentSchema,
  factsSchema,
  referenceEntitySchema,
  referenceFileSchema,
  referenceSchema,
  type SeedDocumentRecord,
  type SeedEntity,
  type SeedFacts,
  type SeedReference,
} from './seed-schema.ts';

/** A source document as the seed loaded it. */
export interface SeedDocument {
  id: string;
  title: string;
  /** The YAML file, relative to the seed directory. */
  file: string;
  /** The text file, relative to the seed directory. */
  sourceFile: string;
  sha256: string;
  text: string;
  passages: ParsedPassage[];
}

/** What the checks know about one document file while they run. */
export interface DocumentContext {
  id: string;
  /** The document's date, the default `statusAsOf` of the instruments it describes. */
  date?: string;
  /** Passages by full id; empty when the text could not be read. */
  passages: Map<string, ParsedPassage>;
  /** False when the text is missing or unreadable: quotes are then not checked (already reported). */
  loaded: boolean;
  /** Entities with a mention in this document. */
  mentioned: Set<string>;
  /** Entities a link of this document starts or ends at, with the first such link. */
  used: Map<string, { origin: RecordOrigin; field: FieldPath }>;
}

export interface Parsed<T> {
  value: T;
  origin: RecordOrigin & { record: string };
}

export interface SeedRecords {
  documents: (Parsed<SeedDocumentRecord> & { text: SeedDocument; context: DocumentContext })[];
  references: Parsed<SeedReference>[];
  /** `context` is the defining document; undefined for reference files. */
  entities: (Parsed<SeedEntity> & { context?: DocumentContext })[];
  facts: (Parsed<SeedFacts> & { context: DocumentContext })[];
  /** Records that failed their schema but name an id and a label: their ids still count. */
  invalid: { id: string; label: NodeLabel; origin: RecordOrigin }[];
  contexts: DocumentContext[];
}

export interface SeedInput {
  yaml: readonly SeedYamlFile[];
  /** Bytes of the texts in `documents/`, by file name. */
  documentTexts: ReadonlyMap<string, Uint8Array>;
}

const REFERENCE_FILE_FACTS: ReasonTweak = (reason, field) =>
  field[0] === 'mentions' || (field[0] === 'links' && ['passage', 'quote'].includes(String(field.at(-1))))
    ? `${reason}: reference files hold no document facts (give mentions and quoted links in a document's facts)`
    : reason;

const FACTS_ONLY: ReasonTweak = (reason, field) =>
  field.length === 1 && reason.startsWith('unknown field')
    ? `${reason}: a facts record only adds mentions and links to an entity defined elsewhere`
    : reason;

export function parseSeedRecords(input: SeedInput, collect: ProblemCollector): SeedRecords {
  const records: SeedRecords = { documents: [], references: [], entities: [], facts: [], invalid: [], contexts: [] };
  for (const yaml of input.yaml) {
    // Lifecycle files are checked against the finished plan (src/seeding/lifecycle/).
    if (yaml.data !== undefined && yaml.kind !== 'lifecycle') parseFile(yaml, input.documentTexts, collect, records);
  }
  return records;
}

function parseFile(yaml: SeedYamlFile, texts: SeedInput['documentTexts'], collect: ProblemCollector, records: SeedRecords): void {
  const isDocument = yaml.kind === 'document';
  const top = (isDocument ? documentFileSchema : referenceFileSchema).safeParse(yaml.data);
  if (!top.success) {
    for (const issue of top.error.issues) {
      const reason =
        issue.code === 'unrecognized_keys'
          ? `unknown top-level key ${issue.keys.map((k) => `"${k}"`).join(', ')}; expected ${isDocument ? 'document, references, entities, facts' : 'references, entities'}`
          : issue.message;
      collect.add('SCHEMA', { yaml, path: [] }, issue.path as FieldPath, reason);
    }
    return;
  }
  const data = top.data as { document?: unknown; references?: unknown[]; entities?: unknown[]; facts?: unknown[] };
  const origin = (section: string, index: number, raw: unknown): Parsed<unknown>['origin'] => ({
    yaml,
    path: [section, index],
    record: recordName(raw, section, index),
  });
  const setAside = (raw: unknown, at: RecordOrigin, label?: NodeLabel): void => {
    const id = valueAt(raw, ['id']);
    const type = valueAt(raw, ['type']) ?? label;
    if (typeof id === 'string' && typeof type === 'string' && (NODE_LABELS as readonly string[]).includes(type)) {
      records.invalid.push({ id, label: type as NodeLabel, origin: at });
    }
  };

  const context = isDocument ? parseDocumentRecord(yaml, data.document, texts, collect, records, setAside) : undefined;

  (data.references ?? []).forEach((raw, index) => {
    const at = origin('references', index, raw);
    const value = collect.parse(referenceSchema, raw, at);
    if (value === undefined) setAside(raw, at, 'Reference');
    else records.references.push({ value, origin: at });
  });

  (data.entities ?? []).forEach((raw, index) => {
    const at = origin('entities', index, raw);
    const value: SeedEntity | undefined =
      context === undefined ? collect.parse(referenceEntitySchema, raw, at, REFERENCE_FILE_FACTS) : collect.parse(documentEntitySchema, raw, at);
    if (value === undefined) setAside(raw, at);
    else records.entities.push(context === undefined ? { value, origin: at } : { value, origin: at, context });
  });

  if (context === undefined) return;
  const seen = new Set<string>();
  (data.facts ?? []).forEach((raw, index) => {
    const at = origin('facts', index, raw);
    const value = collect.parse(factsSchema, raw, at, FACTS_ONLY);
    if (value === undefined) return;
    if (seen.has(value.id)) {
      collect.add('DUPLICATE_ID', at, ['id'], `${value.id} already has a facts record in this file; merge them`);
      return;
    }
    seen.add(value.id);
    records.facts.push({ value, origin: at, context });
  });
}

/** The `document:` record and its text; returns the context even when either is broken. */
function parseDocumentRecord(
  yaml: SeedYamlFile,
  raw: unknown,
  texts: SeedInput['documentTexts'],
  collect: ProblemCollector,
  records: SeedRecords,
  setAside: (raw: unknown, at: RecordOrigin, label?: NodeLabel) => void,
): DocumentContext {
  const stem = fileStem(yaml.file);
  const origin = { yaml, path: ['document'], record: recordName(raw, 'document', 0) };
  const value = collect.parse(documentSchema, raw, origin);
  if (value === undefined) setAside(raw, origin, 'Document');
  // A broken record still names its text when it can, so that its entities' quotes get checked.
  const rawId = valueAt(raw, ['id']);
  const id = typeof rawId === 'string' ? rawId : stem;
  const rawSource = valueAt(raw, ['sourceFile']);
  const sourceName = typeof rawSource === 'string' ? rawSource : `${id}.txt`;

  const context: DocumentContext = { id, passages: new Map(), loaded: false, mentioned: new Set(), used: new Map() };
  if (value !== undefined) context.date = value.date;
  records.contexts.push(context);

  if (value !== undefined && value.id !== stem) {
    collect.add('INCONSISTENT', origin, ['id'], `the document id must match its file name (${stem}.yaml)`);
  }
  const text = readDocumentText(collect, texts, origin, id, sourceName, value?.sha256);
  if (text === undefined) return context;
  context.loaded = true;
  for (const passage of text.passages) context.passages.set(passage.id, passage);
  if (value !== undefined) {
    records.documents.push({ value, origin, context, text: { ...text, id, title: value.title, file: yaml.file } });
  }
  return context;
}

function readDocumentText(
  collect: ProblemCollector,
  texts: SeedInput['documentTexts'],
  origin: RecordOrigin,
  documentId: string,
  sourceName: string,
  recordedSha256: string | undefined,
): Omit<SeedDocument, 'id' | 'title' | 'file'> | undefined {
  const sourceFile = `documents/${sourceName}`;
  const bytes = texts.get(sourceName);
  if (bytes === undefined) {
    collect.add('MISSING_FILE', origin, ['sourceFile'], `the source text ${sourceFile} does not exist`);
    return undefined;
  }
  try {
    const parsed = parseStatementBytes(bytes, sourceFile, { documentId });
    if (recordedSha256 !== undefined && recordedSha256 !== parsed.sha256) {
      collect.add('SHA256_MISMATCH', origin, ['sha256'], `${sourceFile} has SHA-256 ${parsed.sha256}, not the recorded ${recordedSha256}: the text changed`);
    }
    return { sourceFile, sha256: parsed.sha256, text: parsed.text, passages: parsed.passages };
  } catch (error) {
    if (!isAppError(error, ErrorCode.DOCUMENT_INVALID)) throw error;
    collect.add(ErrorCode.DOCUMENT_INVALID, origin, ['sourceFile'], error.message);
    return undefined;
  }
}

function recordName(raw: unknown, section: string, index: number): string {
  const id = valueAt(raw, ['id']);
  if (typeof id === 'string' && id !== '') return id;
  return section === 'document' ? 'document' : `${section}[${index}]`;
}

const fileStem = (file: string): string => file.replace(/^.*\//u, '').replace(/\.ya?ml$/u, '');
