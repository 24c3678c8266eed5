/**
 * Checks parsed seed files against each other and the source texts, and expands them into a
 * GraphPlan. Every problem is collected; the caller decides whether to throw.
 */
import { createHash } from 'node:crypto';
import {
  collapseWhitespace,
  parseStatementBytes,
  passageId as makePassageId,
  type ParsedPassage,
} from '../documents/parse-statement.ts';
import { ErrorCode, isAppError } from '../errors.ts';
import {
  NODE_LABELS,
  planDate,
  type GraphPlan,
  type NodeLabel,
  type PlannedNode,
  type PlannedRelationship,
  type PlanValue,
} from '../graph/graph-plan.ts';
import { checkEndpoints, LINK_TYPES } from './relationship-rules.ts';
import type { SeedYamlFile } from './seed-files.ts';
import { formatPath, type SeedProblem, type SeedProblemKind } from './seed-problems.ts';
import {
  documentEntitySchema,
  documentFileSchema,
  documentSchema,
  factsSchema,
  referenceEntitySchema,
  referenceFileSchema,
  referenceSchema,
  type DocumentEntity,
  type SeedDocumentRecord,
  type SeedEntity,
  type SeedFacts,
  type SeedLink,
  type SeedReference,
} from './seed-schema.ts';
import type { z } from 'zod';

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

export interface BuildSeedPlanInput {
  yaml: readonly SeedYamlFile[];
  documentTexts: ReadonlyMap<string, Uint8Array>;
}

export interface BuildSeedPlanResult {
  plan: GraphPlan;
  documents: SeedDocument[];
  problems: SeedProblem[];
}

/** Properties a record holds that are not node properties. */
const NON_PROPERTY_KEYS = new Set(['type', 'id', 'external', 'mentions', 'links', 'passage']);
/** Keys of a reference-file record that need no external coverage (ours, or identity). */
const UNCOVERED_KEYS = new Set(['type', 'id', 'name', 'description', 'external', 'links']);
const DATE_KEYS = new Set(['date', 'endDate', 'statusAsOf', 'deadline', 'asOf']);

// Where a record sits, for problems.
interface Origin {
  yaml: SeedYamlFile;
  /** Path of the record in the file (`['entities', 3]`). */
  path: (string | number)[];
  record: string;
}

interface Registered {
  id: string;
  /** The record failed its schema: known only so that its id neither dangles nor duplicates. */
  invalid?: boolean;
  label: NodeLabel;
  kind?: string;
  origin: Origin;
  /** The document whose file defines it; undefined for reference files. */
  documentId?: string;
}

interface DocumentContext {
  id: string;
  yaml: SeedYamlFile;
  date?: string;
  passages: Map<string, ParsedPassage>;
  /** Entities with a mention in this document. */
  mentioned: Set<string>;
  /** Entities a link of this document starts or ends at, with where the first such link is. */
  used: Map<string, { origin: Origin; field: (string | number)[] }>;
  loaded: boolean;
}

type ParsedRecord<T> = { value: T; origin: Origin };

class Collector {
  readonly problems: SeedProblem[] = [];

  add(kind: SeedProblemKind, origin: Origin | { yaml: SeedYamlFile; record?: string; path?: (string | number)[] }, field: readonly (string | number)[], reason: string): void {
    const path = [...(origin.path ?? []), ...field];
    const problem: SeedProblem = { kind, file: origin.yaml.file, reason };
    if (origin.record !== undefined) problem.record = origin.record;
    if (field.length > 0) problem.field = formatPath(field);
    const line = origin.yaml.lineOf(path);
    if (line !== undefined) problem.line = line;
    this.problems.push(problem);
  }

  /** Turns zod issues into problems; the value is returned when valid. */
  parse<T>(schema: z.ZodType<T>, value: unknown, origin: Origin, tweak?: (reason: string, field: (string | number)[]) => string): T | undefined {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) {
          const field = [...(issue.path as (string | number)[]), key];
          const reason = `unknown field "${key}"`;
          this.add('SCHEMA', origin, field, tweak ? tweak(reason, field) : reason);
        }
        continue;
      }
      let reason = issue.message;
      if (issue.code === 'invalid_union' && 'discriminator' in issue) {
        const given = getAt(value, issue.path as (string | number)[]);
        reason = given === undefined ? `missing ${String(issue.discriminator)}; ${issue.message}` : `unknown ${String(issue.discriminator)} ${JSON.stringify(given)}; ${issue.message}`;
      } else if (issue.code === 'invalid_type' && getAt(value, issue.path as (string | number)[]) === undefined) {
        reason = 'required field is missing';
      }
      const field = issue.path as (string | number)[];
      this.add('SCHEMA', origin, field, tweak ? tweak(reason, field) : reason);
    }
    return undefined;
  }
}

function getAt(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

const shortHash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

const recordName = (raw: unknown, section: string, index: number): string => {
  const id = getAt(raw, ['id']);
  return typeof id === 'string' && id !== '' ? id : `${section}[${index}]`;
};

const fileStem = (file: string): string => file.replace(/^.*\//u, '').replace(/\.ya?ml$/u, '');

/** Validates the parsed seed files together and expands them into a plan. */
export function buildSeedPlan(input: BuildSeedPlanInput): BuildSeedPlanResult {
  const collect = new Collector();
  const registry = new Map<string, Registered>();
  const nodes: PlannedNode[] = [];
  const relationships = new Map<string, PlannedRelationship & { origin?: Origin }>();
  const documents: SeedDocument[] = [];
  const contexts = new Map<SeedYamlFile, DocumentContext>();

  const documentRecords: ParsedRecord<SeedDocumentRecord>[] = [];
  const references: ParsedRecord<SeedReference>[] = [];
  const entities: (ParsedRecord<SeedEntity> & { context?: DocumentContext })[] = [];
  const facts: (ParsedRecord<SeedFacts> & { context: DocumentContext })[] = [];
  const invalidRecords: { id: string; label: NodeLabel; origin: Origin }[] = [];
  const noteInvalid = (raw: unknown, origin: Origin, fallbackLabel?: NodeLabel): void => {
    const id = getAt(raw, ['id']);
    const type = getAt(raw, ['type']) ?? fallbackLabel;
    if (typeof id === 'string' && typeof type === 'string' && (NODE_LABELS as readonly string[]).includes(type)) {
      invalidRecords.push({ id, label: type as NodeLabel, origin });
    }
  };

  // 1. Shapes, file by file and record by record.
  for (const yaml of input.yaml) {
    if (yaml.data === undefined) continue;
    const fileOrigin = { yaml, path: [] };
    const shape = yaml.kind === 'document' ? documentFileSchema : referenceFileSchema;
    const parsedTop = shape.safeParse(yaml.data);
    if (!parsedTop.success) {
      for (const issue of parsedTop.error.issues) {
        const reason =
          issue.code === 'unrecognized_keys'
            ? `unknown top-level key(s) ${issue.keys.map((k) => `"${k}"`).join(', ')}; expected ${yaml.kind === 'document' ? 'document, references, entities, facts' : 'references, entities'}`
            : issue.message;
        collect.add('SCHEMA', fileOrigin, issue.path as (string | number)[], reason);
      }
      continue;
    }
    const data = parsedTop.data as { document?: unknown; references?: unknown[]; entities?: unknown[]; facts?: unknown[] };

    let context: DocumentContext | undefined;
    if (yaml.kind === 'document') {
      const origin: Origin = { yaml, path: ['document'], record: recordName(data.document, 'document', 0) };
      const record = collect.parse(documentSchema, data.document, origin);
      if (record === undefined) noteInvalid(data.document, origin, 'Document');
      const rawId = getAt(data.document, ['id']);
      const id = typeof rawId === 'string' ? rawId : fileStem(yaml.file);
      context = { id, yaml, passages: new Map(), mentioned: new Set(), used: new Map(), loaded: false };
      if (record !== undefined) context.date = record.date;
      contexts.set(yaml, context);
      const rawSource = getAt(data.document, ['sourceFile']);
      const sourceName = typeof rawSource === 'string' ? rawSource : `${id}.txt`;
      const loaded = loadDocumentText(collect, input.documentTexts, origin, id, sourceName, record);
      if (loaded !== undefined) {
        context.loaded = true;
        for (const passage of loaded.passages) context.passages.set(passage.id, passage);
        if (record !== undefined) {
          documents.push({ ...loaded, id, title: record.title, file: yaml.file });
          documentRecords.push({ value: record, origin });
        }
      }
      if (record !== undefined && record.id !== fileStem(yaml.file)) {
        collect.add('INCONSISTENT', origin, ['id'], `the document id must match its file name (${fileStem(yaml.file)}.yaml)`);
      }
    }

    (data.references ?? []).forEach((raw, index) => {
      const origin: Origin = { yaml, path: ['references', index], record: recordName(raw, 'references', index) };
      const value = collect.parse(referenceSchema, raw, origin);
      if (value !== undefined) references.push({ value, origin });
      else noteInvalid(raw, origin, 'Reference');
    });

    const entitySchema: z.ZodType<SeedEntity> = yaml.kind === 'document' ? documentEntitySchema : referenceEntitySchema;
    (data.entities ?? []).forEach((raw, index) => {
      const origin: Origin = { yaml, path: ['entities', index], record: recordName(raw, 'entities', index) };
      const tweak =
        yaml.kind === 'reference'
          ? (reason: string, field: (string | number)[]) =>
              field[0] === 'mentions' || (field[0] === 'links' && ['passage', 'quote'].includes(String(field.at(-1) ?? '')))
                ? `${reason}: reference files hold no document facts (give mentions and quoted links in a document's facts)`
                : reason
          : undefined;
      const value = collect.parse(entitySchema, raw, origin, tweak);
      if (value === undefined) {
        noteInvalid(raw, origin);
        return;
      }
      entities.push(context === undefined ? { value, origin } : { value, origin, context });
    });

    if (context !== undefined) {
      const seen = new Set<string>();
      (data.facts ?? []).forEach((raw, index) => {
        const origin: Origin = { yaml, path: ['facts', index], record: recordName(raw, 'facts', index) };
        const value = collect.parse(factsSchema, raw, origin, (reason, field) =>
          field.length === 1 && reason.startsWith('unknown field')
            ? `${reason}: a facts record only adds mentions and links to an entity defined elsewhere`
            : reason,
        );
        if (value === undefined) return;
        if (seen.has(value.id)) {
          collect.add('DUPLICATE_ID', origin, ['id'], `${value.id} already has a facts record in this file; merge them`);
          return;
        }
        seen.add(value.id);
        facts.push({ value, origin, context: context! });
      });
    }
  }

  // 2. Ids, unique across the whole graph.
  const register = (entry: Registered): void => {
    const existing = registry.get(entry.id);
    if (existing !== undefined) {
      const where = `${existing.origin.yaml.file}${lineSuffix(existing.origin)}`;
      collect.add('DUPLICATE_ID', entry.origin, ['id'], `id ${entry.id} is already used by a ${existing.label} in ${where}`);
      return;
    }
    registry.set(entry.id, entry);
  };
  for (const { value, origin } of documentRecords) register({ id: value.id, label: 'Document', origin, documentId: value.id });
  for (const { value, origin } of references) register({ id: value.id, label: 'Reference', origin });
  for (const { value, origin, context } of entities) {
    const kind = 'kind' in value && typeof value.kind === 'string' ? value.kind : undefined;
    register({
      id: value.id,
      label: value.type,
      origin,
      ...(kind === undefined ? {} : { kind }),
      ...(context === undefined ? {} : { documentId: context.id }),
    });
  }
  for (const { id, label, origin } of invalidRecords) register({ id, label, origin, invalid: true });

  const addRelationship = (relationship: PlannedRelationship, origin: Origin, field: (string | number)[]): void => {
    const identity = `${relationship.from}|${relationship.type}|${relationship.to}|${relationship.key}`;
    if (relationships.has(identity)) {
      collect.add('DUPLICATE_RELATIONSHIP', origin, field, `the same ${relationship.type} from ${relationship.from} to ${relationship.to} with the same passage and quote is already given`);
      return;
    }
    relationships.set(identity, relationship);
  };

  /** A quote's position in its passage, or a problem. */
  const findQuote = (
    context: DocumentContext,
    origin: Origin,
    field: (string | number)[],
    short: string,
    quote: string,
    options: { anyCase?: boolean; what?: string } = {},
  ): { passage: ParsedPassage; quote: string; start: number } | undefined => {
    if (!context.loaded) return undefined;
    const id = makePassageId(context.id, Number(short.slice(1)));
    const passage = context.passages.get(id);
    if (passage === undefined) {
      const last = [...context.passages.values()].at(-1)?.id.replace(/^.*#/u, '') ?? 'none';
      collect.add('UNKNOWN_PASSAGE', origin, field.slice(0, -1).concat(field.at(-1) === 'quote' ? ['passage'] : field.slice(-1)), `passage ${short} does not exist in ${context.id} (p01-${last})`);
      return undefined;
    }
    const wanted = collapseWhitespace(quote);
    const start = options.anyCase ? passage.text.toLowerCase().indexOf(wanted.toLowerCase()) : passage.text.indexOf(wanted);
    if (start < 0) {
      const caseHint = !options.anyCase && passage.text.toLowerCase().includes(wanted.toLowerCase()) ? ' (it occurs with different capitals)' : '';
      collect.add(
        ErrorCode.QUOTE_NOT_FOUND,
        origin,
        field,
        `${options.what ?? 'quote'} "${wanted}" does not occur in passage ${passage.id}${caseHint}: "${excerpt(passage.text)}"`,
      );
      return undefined;
    }
    return { passage, quote: wanted, start };
  };

  const mention = (context: DocumentContext, entityId: string, origin: Origin, field: (string | number)[], short: string, quote: string): void => {
    const found = findQuote(context, origin, [...field, 'quote'], short, quote);
    context.mentioned.add(entityId);
    if (found === undefined) return;
    addRelationship(
      {
        type: 'MENTIONED_IN',
        from: entityId,
        to: found.passage.id,
        key: `${found.passage.id}:${shortHash(found.quote)}`,
        properties: { documentId: context.id, passageId: found.passage.id, quote: found.quote, quoteStart: found.start },
      },
      origin,
      field,
    );
  };

  const resolveEndpoint = (id: string, origin: Origin, field: (string | number)[]): Registered | undefined => {
    const found = registry.get(id);
    if (found === undefined) {
      collect.add('DANGLING_LINK', origin, field, `links to ${id}, which no seed file defines`);
      return undefined;
    }
    if (found.invalid === true) return undefined; // its own problems are reported already
    if (found.label === 'Reference' || found.label === 'Passage') {
      collect.add('LINK_ENDPOINT', origin, field, `${id} is a ${found.label}; links join entities (references are named in external entries)`);
      return undefined;
    }
    return found;
  };

  const linkExtras = (link: SeedLink): Record<string, PlanValue> => {
    const extras: Record<string, PlanValue> = {};
    for (const [key, value] of Object.entries(link)) {
      if (['type', 'from', 'to', 'passage', 'quote'].includes(key) || value === undefined) continue;
      extras[key] = DATE_KEYS.has(key) && typeof value === 'string' ? planDate(value) : (value as PlanValue);
    }
    if (link.type === 'PARTY_TO' && extras['role'] === undefined) extras['role'] = 'PARTY';
    return extras;
  };

  /** Links of one record; `owner` is the record's id, `defaultPassage` a commitment's passage. */
  const processLinks = (
    links: readonly SeedLink[],
    owner: string,
    origin: Origin,
    context: DocumentContext | undefined,
    defaultPassage: string | undefined,
    externalFields: Map<string, string>,
  ): void => {
    links.forEach((link, index) => {
      const field: (string | number)[] = ['links', index];
      if (link.from === undefined && link.to === undefined) {
        collect.add('SCHEMA', origin, field, 'a link needs `to` (from this record) or `from` (to this record)');
        return;
      }
      const fromId = link.from ?? owner;
      const toId = link.to ?? owner;
      const from = resolveEndpoint(fromId, origin, [...field, link.from === undefined ? 'to' : 'from']);
      const to = resolveEndpoint(toId, origin, [...field, link.to === undefined ? 'from' : 'to']);
      if (from === undefined || to === undefined) return;
      const endpointProblem = checkEndpoints(link.type, from, to);
      if (endpointProblem !== undefined) {
        collect.add('LINK_ENDPOINT', origin, [...field, 'type'], endpointProblem);
        return;
      }
      const extras = linkExtras(link);
      if (context === undefined) {
        const referenceId = externalFields.get(link.type);
        // checkReferenceCoverage reports the missing external entry once for the record.
        if (referenceId === undefined) return;
        addRelationship(
          { type: link.type, from: fromId, to: toId, key: `ref:${referenceId}:${shortHash(JSON.stringify(extras))}`, properties: { referenceId, ...extras } },
          origin,
          field,
        );
        return;
      }
      for (const endpoint of [from, to]) {
        if (endpoint.label !== 'Document' && !context.used.has(endpoint.id)) context.used.set(endpoint.id, { origin, field });
      }
      const short = 'passage' in link && link.passage !== undefined ? link.passage : defaultPassage;
      if (short === undefined) {
        collect.add('SCHEMA', origin, [...field, 'passage'], 'required field is missing (only links under a Commitment default to its passage)');
        return;
      }
      const quote = 'quote' in link ? link.quote : '';
      const found = findQuote(context, origin, [...field, 'quote'], short, quote);
      if (found === undefined) return;
      addRelationship(
        {
          type: link.type,
          from: fromId,
          to: toId,
          key: `${found.passage.id}:${shortHash(`${found.quote}\0${JSON.stringify(extras)}`)}`,
          properties: { documentId: context.id, passageId: found.passage.id, quote: found.quote, ...extras },
        },
        origin,
        field,
      );
    });
  };

  /** EXTERNAL_SOURCE relationships; returns which link types each reference covers. */
  const processExternal = (
    nodeId: string,
    label: NodeLabel,
    entries: readonly { fields: string[]; reference: string }[],
    knownFields: ReadonlySet<string>,
    origin: Origin,
  ): Map<string, string> => {
    const coveredLinks = new Map<string, string>();
    const byReference = new Map<string, Set<string>>();
    entries.forEach((entry, index) => {
      const reference = registry.get(entry.reference);
      if (reference?.invalid === true) return;
      if (reference === undefined || reference.label !== 'Reference') {
        collect.add('UNKNOWN_REFERENCE', origin, ['external', index, 'reference'], reference === undefined ? `no reference has id ${entry.reference}` : `${entry.reference} is a ${reference.label}, not a Reference`);
        return;
      }
      entry.fields.forEach((name, fieldIndex) => {
        if (!knownFields.has(name) && !(LINK_TYPES as readonly string[]).includes(name)) {
          collect.add('SCHEMA', origin, ['external', index, 'fields', fieldIndex], `"${name}" is neither a ${label} property nor a link type`);
          return;
        }
        if ((LINK_TYPES as readonly string[]).includes(name) && !coveredLinks.has(name)) coveredLinks.set(name, entry.reference);
        const fields = byReference.get(entry.reference) ?? new Set<string>();
        fields.add(name);
        byReference.set(entry.reference, fields);
      });
    });
    for (const [referenceId, fields] of byReference) {
      relationships.set(`${nodeId}|EXTERNAL_SOURCE|${referenceId}|external`, {
        type: 'EXTERNAL_SOURCE',
        from: nodeId,
        to: referenceId,
        key: 'external',
        properties: { fields: [...fields] },
      });
    }
    return coveredLinks;
  };

  // 3. Documents and their passages.
  for (const { value, origin } of documentRecords) {
    const loaded = documents.find((document) => document.id === value.id);
    if (loaded === undefined) continue;
    nodes.push({
      id: value.id,
      label: 'Document',
      properties: compact({
        name: value.name ?? value.title,
        aliases: value.aliases ?? [],
        description: value.description,
        title: value.title,
        date: planDate(value.date),
        dateBasis: value.dateBasis,
        place: value.place,
        language: value.language,
        kind: value.kind,
        sourceFile: loaded.sourceFile,
        sha256: loaded.sha256,
        corpusFile: value.corpusFile,
      }),
    });
    for (const passage of loaded.passages) {
      nodes.push({
        id: passage.id,
        label: 'Passage',
        properties: {
          name: `${value.id} ${passage.id.replace(/^.*#/u, '')}`,
          aliases: [],
          documentId: passage.documentId,
          section: passage.section,
          order: passage.order,
          kind: passage.kind,
          text: passage.text,
          start: passage.start,
          end: passage.end,
        },
      });
      relationships.set(`${passage.id}|PART_OF|${value.id}|structure`, { type: 'PART_OF', from: passage.id, to: value.id, key: 'structure', properties: {} });
    }
  }
  for (const { value, origin } of documentRecords) {
    const context = [...contexts.values()].find((c) => c.id === value.id);
    processExternal(value.id, 'Document', value.external ?? [], new Set(Object.keys(documentSchema.shape)), origin);
    if (context !== undefined) processLinks(value.links ?? [], value.id, origin, context, undefined, new Map());
  }

  // 4. References.
  for (const { value } of references) {
    nodes.push({
      id: value.id,
      label: 'Reference',
      properties: compact({ name: value.name ?? value.title, aliases: value.aliases ?? [], description: value.description, title: value.title, url: value.url }),
    });
  }

  // 5. Entities.
  for (const { value, origin, context } of entities) {
    if (registry.get(value.id)?.origin !== origin) continue;
    const known = new Set(Object.keys(value).concat(knownProperties(value)));
    const covered = processExternal(value.id, value.type, value.external ?? [], known, origin);
    const properties: Record<string, PlanValue> = {};
    for (const [key, raw] of Object.entries(value)) {
      if (NON_PROPERTY_KEYS.has(key) || raw === undefined) continue;
      properties[key] = DATE_KEYS.has(key) && typeof raw === 'string' ? planDate(raw) : (raw as PlanValue);
    }
    properties['aliases'] = value.aliases ?? [];

    if (context === undefined) {
      checkReferenceCoverage(collect, value, origin);
    } else {
      if (value.type === 'Commitment') processCommitment(value, origin, context, properties);
      if (value.type === 'Instrument' && value.status !== undefined && value.statusAsOf === undefined && context.date !== undefined) {
        properties['statusAsOf'] = planDate(context.date);
      }
      if (value.type === 'Event') checkEventDates(value, origin, context);
      (('mentions' in value ? value.mentions : undefined) ?? []).forEach((m, index) => mention(context, value.id, origin, ['mentions', index], m.passage, m.quote));
    }
    nodes.push({ id: value.id, label: value.type, properties });
    processLinks(value.links ?? [], value.id, origin, context, value.type === 'Commitment' ? value.passage : undefined, covered);
  }

  function processCommitment(value: Extract<DocumentEntity, { type: 'Commitment' }>, origin: Origin, context: DocumentContext, properties: Record<string, PlanValue>): void {
    const found = findQuote(context, origin, ['quote'], value.passage, value.quote);
    if (found === undefined) return;
    context.mentioned.add(value.id);
    properties['quote'] = found.quote;
    addRelationship(
      {
        type: 'MENTIONED_IN',
        from: value.id,
        to: found.passage.id,
        key: `${found.passage.id}:${shortHash(found.quote)}`,
        properties: { documentId: context.id, passageId: found.passage.id, quote: found.quote, quoteStart: found.start },
      },
      origin,
      ['quote'],
    );
    if (value.section !== undefined && value.section !== found.passage.section) {
      collect.add('INCONSISTENT', origin, ['section'], `passage ${value.passage} is in section "${found.passage.section}", not "${value.section}"`);
    }
    properties['section'] = found.passage.section;
    for (const key of ['verbPhrase', 'condition', 'deadlineText'] as const) {
      const phrase = value[key];
      if (phrase !== undefined) findQuote(context, origin, [key], value.passage, phrase, { anyCase: true, what: key });
    }
    if (value.deadline !== undefined && value.deadlineBasis === undefined) {
      collect.add('SCHEMA', origin, ['deadlineBasis'], 'required when deadline is set (STATED, YEAR_INFERRED, EXTERNAL or APPROXIMATE)');
    }
  }

  function checkEventDates(value: Extract<SeedEntity, { type: 'Event' }>, origin: Origin, context: DocumentContext): void {
    if (value.date !== undefined && value.dateBasis === undefined) {
      collect.add('SCHEMA', origin, ['dateBasis'], 'required when date is set (STATED, YEAR_INFERRED, EXTERNAL or APPROXIMATE)');
    }
    if (value.dateText !== undefined && context.loaded) {
      const wanted = collapseWhitespace(value.dateText).toLowerCase();
      if (![...context.passages.values()].some((p) => p.text.toLowerCase().includes(wanted))) {
        collect.add(ErrorCode.QUOTE_NOT_FOUND, origin, ['dateText'], `dateText "${value.dateText}" does not occur in any passage of ${context.id}`);
      }
    }
  }

  // 6. Facts: mentions and links for entities defined elsewhere.
  for (const { value, origin, context } of facts) {
    const target = registry.get(value.id);
    if (target?.invalid === true) continue;
    if (target === undefined) {
      collect.add('UNKNOWN_ID', origin, ['id'], `no seed file defines ${value.id}`);
      continue;
    }
    if (target.label === 'Document' || target.label === 'Reference') {
      collect.add('UNKNOWN_ID', origin, ['id'], `${value.id} is a ${target.label}; facts are for entities`);
      continue;
    }
    (value.mentions ?? []).forEach((m, index) => mention(context, value.id, origin, ['mentions', index], m.passage, m.quote));
    processLinks(value.links ?? [], value.id, origin, context, undefined, new Map());
  }

  // 7. Every entity a document defines or uses is mentioned in it.
  for (const { value, origin, context } of entities) {
    if (context === undefined || context.mentioned.has(value.id) || !context.loaded) continue;
    if (value.type === 'Commitment') continue; // its own passage/quote was checked above
    collect.add('MISSING_MENTION', origin, ['mentions'], `${value.id} is defined in ${context.id} but has no mention in it`);
  }
  for (const context of contexts.values()) {
    if (!context.loaded) continue;
    for (const [id, use] of context.used) {
      const entity = registry.get(id);
      if (entity === undefined || context.mentioned.has(id) || entity.documentId === context.id) continue;
      collect.add(
        'MISSING_MENTION',
        use.origin,
        use.field,
        `links to ${id} (defined in ${entity.origin.yaml.file}) but ${context.id} has no mention of it; add a facts record with a mention`,
      );
    }
  }

  return {
    plan: { nodes, relationships: [...relationships.values()].map(({ type, from, to, key, properties }) => ({ type, from, to, key, properties })) },
    documents,
    problems: collect.problems,
  };
}

function loadDocumentText(
  collect: Collector,
  texts: ReadonlyMap<string, Uint8Array>,
  origin: Origin,
  documentId: string,
  sourceName: string,
  record: SeedDocumentRecord | undefined,
): Omit<SeedDocument, 'id' | 'title' | 'file'> | undefined {
  const bytes = texts.get(sourceName);
  const sourceFile = `documents/${sourceName}`;
  if (bytes === undefined) {
    collect.add('MISSING_FILE', origin, ['sourceFile'], `the source text ${sourceFile} does not exist`);
    return undefined;
  }
  try {
    const parsed = parseStatementBytes(bytes, sourceFile, { documentId });
    if (record?.sha256 !== undefined && record.sha256 !== parsed.sha256) {
      collect.add('SHA256_MISMATCH', origin, ['sha256'], `${sourceFile} has SHA-256 ${parsed.sha256}, not the recorded ${record.sha256}; the text changed`);
    }
    return { sourceFile, sha256: parsed.sha256, text: parsed.text, passages: parsed.passages };
  } catch (error) {
    if (isAppError(error, ErrorCode.DOCUMENT_INVALID)) {
      collect.add('MISSING_FILE', origin, ['sourceFile'], error.message);
      return undefined;
    }
    throw error;
  }
}

/** Everything in a reference-file record but its id and name comes from an external source. */
function checkReferenceCoverage(collect: Collector, value: SeedEntity, origin: Origin): void {
  const covered = new Set((value.external ?? []).flatMap((entry) => entry.fields));
  const needed = Object.entries(value)
    .filter(([key, raw]) => !UNCOVERED_KEYS.has(key) && raw !== undefined && !(Array.isArray(raw) && raw.length === 0))
    .map(([key]) => key)
    .concat((value.links ?? []).map((link) => link.type));
  const missing = [...new Set(needed)].filter((key) => !covered.has(key));
  if (missing.length > 0) {
    collect.add('EXTERNAL_COVERAGE', origin, ['external'], `${missing.join(', ')} must be covered by an external entry (reference files hold external facts only)`);
  }
}

/** Property names a record of this label may carry, for checking `external` fields. */
function knownProperties(value: SeedEntity): string[] {
  const schema = (value.type === 'Commitment' ? documentEntitySchema : referenceEntitySchema).options.find(
    (option) => option.shape.type.value === value.type,
  );
  return schema === undefined ? [] : Object.keys(schema.shape).filter((key) => !NON_PROPERTY_KEYS.has(key) || key === 'passage');
}

function compact(properties: Record<string, PlanValue | undefined>): Record<string, PlanValue> {
  return Object.fromEntries(Object.entries(properties).filter(([, value]) => value !== undefined)) as Record<string, PlanValue>;
}

function lineSuffix(origin: Origin): string {
  const line = origin.yaml.lineOf(origin.path);
  return line === undefined ? '' : `:${line}`;
}

function excerpt(text: string): string {
  return text.length <= 120 ? text : `${text.slice(0, 117)}...`;
}
