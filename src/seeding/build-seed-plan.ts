/**
 * Checks the parsed seed records against each other and the source texts, and expands them into
 * a GraphPlan: nodes, provenance (MENTIONED_IN, EXTERNAL_SOURCE) and links. Every problem is
 * collected; readSeed decides to throw.
 */
import { createHash } from 'node:crypto';
import { collapseWhitespace, passageId, type ParsedPassage } from '../documents/parse-statement.ts';
import { ErrorCode } from '../errors.ts';
import {
  planDate,
  type GraphPlan,
  type NodeLabel,
  type PlannedNode,
  type PlannedRelationship,
  type PlanValue,
} from '../graph/graph-plan.ts';
import {
  parseSeedRecords,
  type DocumentContext,
  type Parsed,
  type SeedDocument,
  type SeedInput,
  type SeedRecords,
} from './parse-seed-records.ts';
import { LINK_TYPES } from '../graph/graph-plan.ts';
import { checkEndpoints } from './relationship-rules.ts';
import { ProblemCollector, type FieldPath, type RecordOrigin, type SeedProblem } from './seed-problems.ts';
import {
  documentEntitySchema,
  documentSchema,
  referenceEntitySchema,
  type SeedEntity,
  type SeedFacts,
  type SeedLink,
} from './seed-schema.ts';

export type { SeedDocument } from './parse-seed-records.ts';

export interface BuildSeedPlanResult {
  plan: GraphPlan;
  documents: SeedDocument[];
  problems: SeedProblem[];
}

/** Validates the parsed seed files together and expands them into a plan. */
export function buildSeedPlan(input: SeedInput): BuildSeedPlanResult {
  const collect = new ProblemCollector();
  const records = parseSeedRecords(input, collect);
  const plan = new SeedPlanBuilder(records, collect).build();
  return { plan, documents: records.documents.map((document) => document.text), problems: collect.problems };
}

/** Record keys that are not node properties. */
const NON_PROPERTY_KEYS = new Set(['type', 'id', 'external', 'mentions', 'links', 'passage']);
/** Keys of a reference-file record that need no external source (docs/graph-model.md: its id and name). */
const NEEDS_NO_SOURCE = new Set(['type', 'id', 'name', 'external', 'links']);
const DATE_KEYS = new Set(['date', 'endDate', 'statusAsOf', 'deadline', 'asOf']);
const LINK_TYPE_NAMES: ReadonlySet<string> = new Set(LINK_TYPES);

interface Registered {
  id: string;
  label: NodeLabel;
  kind?: string;
  /** A commitment's `novelty`: only a RESTATED one may RECALLS an earlier text or event. */
  novelty?: string;
  origin: RecordOrigin;
  /** The document whose file defines it; undefined for reference files. */
  documentId?: string;
  /** The record failed its schema: known only so that its id neither dangles nor duplicates. */
  invalid?: boolean;
}

interface FoundQuote {
  passage: ParsedPassage;
  /** The quote with whitespace collapsed: an exact substring of the passage text. */
  quote: string;
  start: number;
}

type Commitment = Extract<SeedEntity, { type: 'Commitment' }>;
type SeedEvent = Extract<SeedEntity, { type: 'Event' }>;

const shortHash = (text: string): string => createHash('sha256').update(text).digest('hex').slice(0, 16);

class SeedPlanBuilder {
  private readonly registry = new Map<string, Registered>();
  private readonly nodes: PlannedNode[] = [];
  private readonly relationships = new Map<string, PlannedRelationship>();

  constructor(
    private readonly records: SeedRecords,
    private readonly collect: ProblemCollector,
  ) {}

  build(): GraphPlan {
    this.registerIds();
    for (const document of this.records.documents) this.addDocument(document);
    for (const reference of this.records.references) this.addReference(reference);
    for (const entity of this.records.entities) this.addEntity(entity);
    for (const facts of this.records.facts) this.addFacts(facts);
    this.checkMentions();
    return { nodes: this.nodes, relationships: [...this.relationships.values()] };
  }

  /** Ids are unique across the whole graph; the first definition wins, later ones are problems. */
  private registerIds(): void {
    const { documents, references, entities, invalid } = this.records;
    for (const { value, origin } of documents) this.register({ id: value.id, label: 'Document', origin, documentId: value.id });
    for (const { value, origin } of references) this.register({ id: value.id, label: 'Reference', origin });
    for (const { value, origin, context } of entities) {
      const entry: Registered = { id: value.id, label: value.type, origin };
      if ('kind' in value && typeof value.kind === 'string') entry.kind = value.kind;
      if (value.type === 'Commitment') entry.novelty = value.novelty;
      if (context !== undefined) entry.documentId = context.id;
      this.register(entry);
    }
    for (const { id, label, origin } of invalid) this.register({ id, label, origin, invalid: true });
  }

  private register(entry: Registered): void {
    const existing = this.registry.get(entry.id);
    if (existing === undefined) {
      this.registry.set(entry.id, entry);
      return;
    }
    const line = existing.origin.yaml.lineOf(existing.origin.path);
    const where = `${existing.origin.yaml.file}${line === undefined ? '' : `:${line}`}`;
    this.collect.add('DUPLICATE_ID', entry.origin, ['id'], `id ${entry.id} is already used by a ${existing.label} in ${where}`);
  }

  private isFirstDefinition(id: string, origin: RecordOrigin): boolean {
    return this.registry.get(id)?.origin === origin;
  }

  private addDocument({ value, origin, text, context }: SeedRecords['documents'][number]): void {
    if (!this.isFirstDefinition(value.id, origin)) return;
    this.nodes.push({
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
        sourceFile: text.sourceFile,
        sha256: text.sha256,
        corpusFile: value.corpusFile,
      }),
    });
    for (const passage of text.passages) {
      this.nodes.push({
        id: passage.id,
        label: 'Passage',
        properties: {
          name: `${value.id} ${shortPassageId(passage.id)}`,
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
      this.putRelationship({ type: 'PART_OF', from: passage.id, to: value.id, key: 'structure', properties: {} });
    }
    this.addExternal(value.id, 'Document', value.external ?? [], documentProperties(), origin);
    this.addLinks(value.links ?? [], value.id, origin, context, undefined);
  }

  private addReference({ value, origin }: SeedRecords['references'][number]): void {
    if (!this.isFirstDefinition(value.id, origin)) return;
    this.nodes.push({
      id: value.id,
      label: 'Reference',
      properties: compact({
        name: value.name ?? value.title,
        aliases: value.aliases ?? [],
        description: value.description,
        title: value.title,
        url: value.url,
      }),
    });
  }

  private addEntity({ value, origin, context }: SeedRecords['entities'][number]): void {
    if (!this.isFirstDefinition(value.id, origin)) return;
    const properties: Record<string, PlanValue> = { aliases: [] };
    for (const [key, raw] of Object.entries(value)) {
      if (!NON_PROPERTY_KEYS.has(key) && raw !== undefined) properties[key] = toPlanValue(key, raw);
    }
    const linkSources = this.addExternal(value.id, value.type, value.external ?? [], entityProperties(value.type), origin);

    if (context === undefined) {
      this.checkExternalCoverage(value, origin);
    } else {
      if (value.type === 'Commitment') this.addCommitmentProvenance(value, origin, context, properties);
      if (value.type === 'Event') this.checkEventDates(value, origin, context);
      if (value.type === 'Instrument' && value.status !== undefined && value.statusAsOf === undefined && context.date !== undefined) {
        properties['statusAsOf'] = planDate(context.date);
      }
      if ('mentions' in value) {
        (value.mentions ?? []).forEach((m, index) => this.addMention(context, value.id, origin, ['mentions', index], m.passage, m.quote));
      }
    }
    this.nodes.push({ id: value.id, label: value.type, properties });
    const defaultPassage = value.type === 'Commitment' ? value.passage : undefined;
    this.addLinks(value.links ?? [], value.id, origin, context, defaultPassage, linkSources);
  }

  private addFacts({ value, origin, context }: Parsed<SeedFacts> & { context: DocumentContext }): void {
    const target = this.registry.get(value.id);
    if (target?.invalid === true) return;
    if (target === undefined) {
      this.collect.add('UNKNOWN_ID', origin, ['id'], `no seed file defines ${value.id}`);
      return;
    }
    if (target.label === 'Document' || target.label === 'Reference') {
      this.collect.add('UNKNOWN_ID', origin, ['id'], `${value.id} is a ${target.label}; facts are for entities`);
      return;
    }
    (value.mentions ?? []).forEach((m, index) => this.addMention(context, value.id, origin, ['mentions', index], m.passage, m.quote));
    this.addLinks(value.links ?? [], value.id, origin, context, undefined);
  }

  /** A commitment's own passage and quote are its mention; its section is its passage's. */
  private addCommitmentProvenance(value: Commitment, origin: RecordOrigin, context: DocumentContext, properties: Record<string, PlanValue>): void {
    context.mentioned.add(value.id);
    const found = this.findQuote(context, origin, ['quote'], value.passage, value.quote);
    if (found === undefined) return;
    properties['quote'] = found.quote;
    properties['section'] = found.passage.section;
    this.putMention(value.id, context, found, origin, ['quote']);
    if (value.section !== undefined && value.section !== found.passage.section) {
      this.collect.add('INCONSISTENT', origin, ['section'], `passage ${value.passage} is in section "${found.passage.section}", not "${value.section}"`);
    }
    // The evidence for modality, condition and deadline is quoted too (any capitals: "To ..." opens bullets).
    for (const key of ['verbPhrase', 'condition', 'deadlineText'] as const) {
      const phrase = value[key];
      if (phrase !== undefined) this.findQuote(context, origin, [key], value.passage, phrase, { anyCase: true });
    }
    if (value.deadline !== undefined && value.deadlineBasis === undefined) {
      this.collect.add('SCHEMA', origin, ['deadlineBasis'], 'required when deadline is set (STATED, YEAR_INFERRED, EXTERNAL or APPROXIMATE)');
    }
  }

  private checkEventDates(value: SeedEvent, origin: RecordOrigin, context: DocumentContext): void {
    if (value.date !== undefined && value.dateBasis === undefined) {
      this.collect.add('SCHEMA', origin, ['dateBasis'], 'required when date is set (STATED, YEAR_INFERRED, EXTERNAL or APPROXIMATE)');
    }
    if (value.dateText === undefined || !context.loaded) return;
    const wanted = collapseWhitespace(value.dateText).toLowerCase();
    if (![...context.passages.values()].some((passage) => passage.text.toLowerCase().includes(wanted))) {
      this.collect.add(ErrorCode.QUOTE_NOT_FOUND, origin, ['dateText'], `dateText "${value.dateText}" does not occur in any passage of ${context.id}`);
    }
  }

  /** Everything in a reference-file record but its id and name comes from an external source. */
  private checkExternalCoverage(value: SeedEntity, origin: RecordOrigin): void {
    const covered = new Set((value.external ?? []).flatMap((entry) => entry.fields));
    const needed = Object.entries(value)
      .filter(([key, raw]) => !NEEDS_NO_SOURCE.has(key) && raw !== undefined && !(Array.isArray(raw) && raw.length === 0))
      .map(([key]) => key)
      .concat((value.links ?? []).map((link) => link.type));
    const missing = [...new Set(needed)].filter((key) => !covered.has(key));
    if (missing.length > 0) {
      this.collect.add('EXTERNAL_COVERAGE', origin, ['external'], `${missing.join(', ')} must be covered by an external entry (reference files hold external facts only)`);
    }
  }

  /** Every entity a document defines, or links to or from, is mentioned in that document. */
  private checkMentions(): void {
    for (const { value, origin, context } of this.records.entities) {
      if (context === undefined || !context.loaded || context.mentioned.has(value.id)) continue;
      this.collect.add('MISSING_MENTION', origin, ['mentions'], `${value.id} is defined in ${context.id} but has no mention in it`);
    }
    for (const context of this.records.contexts) {
      if (!context.loaded) continue;
      for (const [id, use] of context.used) {
        const entity = this.registry.get(id);
        if (entity === undefined || entity.documentId === context.id || context.mentioned.has(id)) continue;
        this.collect.add(
          'MISSING_MENTION',
          use.origin,
          use.field,
          `links to ${id} (defined in ${entity.origin.yaml.file}) but ${context.id} has no mention of it; add a facts record with a mention`,
        );
      }
    }
  }

  private addMention(context: DocumentContext, entityId: string, origin: RecordOrigin, field: FieldPath, short: string, quote: string): void {
    context.mentioned.add(entityId);
    const found = this.findQuote(context, origin, [...field, 'quote'], short, quote);
    if (found !== undefined) this.putMention(entityId, context, found, origin, field);
  }

  private putMention(entityId: string, context: DocumentContext, found: FoundQuote, origin: RecordOrigin, field: FieldPath): void {
    this.addRelationship(
      {
        type: 'MENTIONED_IN',
        from: entityId,
        to: found.passage.id,
        key: `${found.passage.id}:${shortHash(found.quote)}`,
        properties: { basis: 'TEXT', ...quoteProvenance(context.id, found) },
      },
      origin,
      field,
    );
  }

  /**
   * Links of one record. `owner` is the record's id (the default end), `defaultPassage` a
   * commitment's passage, `linkSources` the reference covering each link type (reference files).
   */
  private addLinks(
    links: readonly SeedLink[],
    owner: string,
    origin: RecordOrigin,
    context: DocumentContext | undefined,
    defaultPassage: string | undefined,
    linkSources: ReadonlyMap<string, string> = new Map(),
  ): void {
    links.forEach((link, index) => {
      const field: FieldPath = ['links', index];
      if (link.from === undefined && link.to === undefined) {
        this.collect.add('SCHEMA', origin, field, 'a link needs `to` (from this record) or `from` (to this record)');
        return;
      }
      const from = this.resolveEndpoint(link.from ?? owner, origin, [...field, link.from === undefined ? 'to' : 'from']);
      const to = this.resolveEndpoint(link.to ?? owner, origin, [...field, link.to === undefined ? 'from' : 'to']);
      if (from === undefined || to === undefined) return;
      const mismatch = checkEndpoints(link.type, from, to);
      if (mismatch !== undefined) {
        this.collect.add('LINK_ENDPOINT', origin, [...field, 'type'], mismatch);
        return;
      }
      if (link.type === 'RECALLS' && from.novelty !== 'RESTATED') {
        this.collect.add('INCONSISTENT', origin, [...field, 'type'], `RECALLS is for a commitment the statement restates, but ${from.id} has novelty ${from.novelty ?? '(none)'}`);
        return;
      }
      const extras = linkExtras(link);

      if (context === undefined) {
        // An uncovered link type is reported once per record by checkExternalCoverage.
        const referenceId = linkSources.get(link.type);
        if (referenceId === undefined) return;
        const key = `ref:${referenceId}:${shortHash(JSON.stringify(extras))}`;
        this.addRelationship({ type: link.type, from: from.id, to: to.id, key, properties: { basis: 'EXTERNAL', referenceId, ...extras } }, origin, field);
        return;
      }

      for (const end of [from, to]) {
        if (end.label !== 'Document' && !context.used.has(end.id)) context.used.set(end.id, { origin, field });
      }
      const given = 'passage' in link ? link.passage : undefined;
      const short = given ?? defaultPassage;
      if (short === undefined) {
        this.collect.add('SCHEMA', origin, [...field, 'passage'], 'required field is missing (only links under a Commitment default to its passage)');
        return;
      }
      // A commitment whose own passage is unknown was reported already; its links would only repeat it.
      if (given === undefined && !context.passages.has(passageId(context.id, passageNumber(short)))) return;
      const found = this.findQuote(context, origin, [...field, 'quote'], short, 'quote' in link ? link.quote : '');
      if (found === undefined) return;
      const rule = 'rule' in link ? link.rule : undefined;
      this.addRelationship(
        {
          type: link.type,
          from: from.id,
          to: to.id,
          key: `${found.passage.id}:${shortHash(`${found.quote}\0${JSON.stringify(extras)}`)}`,
          properties: {
            ...(rule === undefined ? { basis: 'TEXT' } : { basis: 'INFERENCE', rule }),
            ...quoteProvenance(context.id, found),
            ...extras,
          },
        },
        origin,
        field,
      );
    });
  }

  private resolveEndpoint(id: string, origin: RecordOrigin, field: FieldPath): Registered | undefined {
    const found = this.registry.get(id);
    if (found === undefined) {
      this.collect.add('DANGLING_LINK', origin, field, `links to ${id}, which no seed file defines`);
      return undefined;
    }
    if (found.invalid === true) return undefined; // its own problems are reported already
    if (found.label === 'Reference') {
      this.collect.add('LINK_ENDPOINT', origin, field, `${id} is a Reference; name references in external entries, not links`);
      return undefined;
    }
    return found;
  }

  /**
   * One EXTERNAL_SOURCE per (node, reference) with the fields it vouches for. Returns, per link
   * type named in `fields`, the reference that covers it.
   */
  private addExternal(
    nodeId: string,
    label: NodeLabel,
    entries: readonly { fields: string[]; reference: string }[],
    properties: ReadonlySet<string>,
    origin: RecordOrigin,
  ): Map<string, string> {
    const linkSources = new Map<string, string>();
    const fieldsByReference = new Map<string, Set<string>>();
    entries.forEach((entry, index) => {
      const reference = this.registry.get(entry.reference);
      if (reference?.invalid === true) return;
      if (reference?.label !== 'Reference') {
        const reason = reference === undefined ? `no reference has id ${entry.reference}` : `${entry.reference} is a ${reference.label}, not a Reference`;
        this.collect.add('UNKNOWN_REFERENCE', origin, ['external', index, 'reference'], reason);
        return;
      }
      const fields = fieldsByReference.get(entry.reference) ?? new Set<string>();
      fieldsByReference.set(entry.reference, fields);
      entry.fields.forEach((name, fieldIndex) => {
        if (!properties.has(name) && !LINK_TYPE_NAMES.has(name)) {
          this.collect.add('SCHEMA', origin, ['external', index, 'fields', fieldIndex], `"${name}" is neither a ${label} property nor a link type`);
          return;
        }
        if (LINK_TYPE_NAMES.has(name) && !linkSources.has(name)) linkSources.set(name, entry.reference);
        fields.add(name);
      });
    });
    for (const [referenceId, fields] of fieldsByReference) {
      if (fields.size === 0) continue;
      this.putRelationship({ type: 'EXTERNAL_SOURCE', from: nodeId, to: referenceId, key: 'external', properties: { fields: [...fields] } });
    }
    return linkSources;
  }

  /** A quote's place in its passage (whitespace collapsed on both sides), or a problem. */
  private findQuote(
    context: DocumentContext,
    origin: RecordOrigin,
    field: FieldPath,
    short: string,
    quote: string,
    options: { anyCase?: boolean } = {},
  ): FoundQuote | undefined {
    if (!context.loaded) return undefined;
    const passage = context.passages.get(passageId(context.id, passageNumber(short)));
    const what = field.at(-1) === 'quote' ? 'quote' : String(field.at(-1));
    if (passage === undefined) {
      const last = [...context.passages.keys()].at(-1);
      const range = last === undefined ? 'it has none' : `p01-${shortPassageId(last)}`;
      const passageField = what === 'quote' ? [...field.slice(0, -1), 'passage'] : ['passage'];
      this.collect.add('UNKNOWN_PASSAGE', origin, passageField, `passage ${short} does not exist in ${context.id} (${range})`);
      return undefined;
    }
    const wanted = collapseWhitespace(quote);
    const start = options.anyCase ? passage.text.toLowerCase().indexOf(wanted.toLowerCase()) : passage.text.indexOf(wanted);
    if (start >= 0) return { passage, quote: wanted, start };
    const otherCase = !options.anyCase && passage.text.toLowerCase().includes(wanted.toLowerCase());
    this.collect.add(
      ErrorCode.QUOTE_NOT_FOUND,
      origin,
      field,
      `${what} "${wanted}" does not occur in passage ${passage.id}${otherCase ? ' (it does with other capitals)' : ''}: "${excerpt(passage.text)}"`,
    );
    return undefined;
  }

  /** Adds a relationship; the same identity twice is the same fact given twice. */
  private addRelationship(relationship: PlannedRelationship, origin: RecordOrigin, field: FieldPath): void {
    if (!this.putRelationship(relationship)) {
      const { type, from, to } = relationship;
      this.collect.add('DUPLICATE_RELATIONSHIP', origin, field, `${type} from ${from} to ${to} with this passage and quote is already given`);
    }
  }

  private putRelationship(relationship: PlannedRelationship): boolean {
    const identity = `${relationship.from}|${relationship.type}|${relationship.to}|${relationship.key}`;
    if (this.relationships.has(identity)) return false;
    this.relationships.set(identity, relationship);
    return true;
  }
}

function linkExtras(link: SeedLink): Record<string, PlanValue> {
  const extras: Record<string, PlanValue> = {};
  for (const [key, value] of Object.entries(link)) {
    if (['type', 'from', 'to', 'passage', 'quote', 'rule'].includes(key) || value === undefined) continue;
    extras[key] = toPlanValue(key, value);
  }
  if (link.type === 'PARTY_TO' && extras['role'] === undefined) extras['role'] = 'PARTY';
  return extras;
}

/** Where a quote sits: its passage and its offsets in the passage text (end exclusive). */
function quoteProvenance(documentId: string, found: FoundQuote): Record<string, PlanValue> {
  return {
    documentId,
    passageId: found.passage.id,
    quote: found.quote,
    quoteStart: found.start,
    quoteEnd: found.start + found.quote.length,
  };
}

function toPlanValue(key: string, value: unknown): PlanValue {
  return DATE_KEYS.has(key) && typeof value === 'string' ? planDate(value) : (value as PlanValue);
}

/** Property names of a label, which `external` entries may name. */
function entityProperties(label: SeedEntity['type']): Set<string> {
  const options = label === 'Commitment' ? documentEntitySchema.options : referenceEntitySchema.options;
  const schema = options.find((option) => option.shape.type.value === label);
  return propertyNames(Object.keys(schema?.shape ?? {}));
}

function documentProperties(): Set<string> {
  return propertyNames(Object.keys(documentSchema.shape));
}

function propertyNames(keys: string[]): Set<string> {
  return new Set(keys.filter((key) => !NON_PROPERTY_KEYS.has(key)).concat('id'));
}

function passageNumber(short: string): number {
  return Number(short.slice(1));
}

function shortPassageId(id: string): string {
  return id.replace(/^.*#/u, '');
}

function compact(properties: Record<string, PlanValue | undefined>): Record<string, PlanValue> {
  return Object.fromEntries(Object.entries(properties).filter(([, value]) => value !== undefined)) as Record<string, PlanValue>;
}

function excerpt(text: string): string {
  return text.length <= 120 ? text : `${text.slice(0, 117)}...`;
}
