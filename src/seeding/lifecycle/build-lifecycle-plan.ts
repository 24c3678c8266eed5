/**
 * Turns `seed/lifecycle/*.yaml` into graph facts beside the documents' (docs/graph-model.md,
 * "Lifecycle"): each step an Event with STEP_OF its instruments, successor acts as Instruments
 * linked SUCCEEDED_BY, disagreements between a text's claim and the sources, and the meetings of
 * a document's series. Every node and relationship here is EXTERNAL: it names its Reference and
 * carries the sentence quoted from it. Runs after the documents' plan is built, against it.
 */
import { collapseWhitespace, passageId } from '../../documents/parse-statement.ts';
import { ErrorCode } from '../../errors.ts';
import type { StatusPoint } from '../../graph/lifecycle.ts';
import { planDate, type GraphPlan, type NodeLabel, type PlannedNode, type PlannedRelationship, type PlanValue } from '../../graph/graph-plan.ts';
import type { SeedDocument } from '../parse-seed-records.ts';
import type { SeedYamlFile } from '../seed-files.ts';
import { compact, shortHash } from '../seed-properties.ts';
import { valueAt, type FieldPath, type ProblemCollector, type RecordOrigin } from '../seed-problems.ts';
import {
  actSchema,
  disagreementSchema,
  lifecycleFileSchema,
  lifecycleReferenceSchema,
  meetingSchema,
  stepSchema,
  type LifecycleAct,
  type LifecycleDisagreement,
  type LifecycleMeeting,
  type LifecycleReference,
  type LifecycleStep,
  type SourceQuote,
} from './lifecycle-schema.ts';
import { disagreementWithHistory } from './status-agrees-with-history.ts';

interface Parsed<T> {
  value: T;
  origin: RecordOrigin;
}

interface Known {
  label: NodeLabel;
  origin?: RecordOrigin;
  /** Reference nodes: whether they carry a URL (a lifecycle fact's source must). */
  url?: boolean;
}

/**
 * Validates the lifecycle files against `base` (the documents' plan) and returns what they add.
 * `entityFiles` (the reference and document files) locate the instrument records whose frozen
 * `status` must agree with their history.
 */
export function buildLifecyclePlan(
  files: readonly SeedYamlFile[],
  base: GraphPlan,
  documents: readonly SeedDocument[],
  collect: ProblemCollector,
  entityFiles: readonly SeedYamlFile[] = [],
): GraphPlan {
  return new LifecyclePlanBuilder(base, documents, collect).build(files, entityFiles);
}

class LifecyclePlanBuilder {
  private readonly known = new Map<string, Known>();
  private readonly nodes: PlannedNode[] = [];
  /** Step events by id, for the date of a succession (a lookup per act, not a scan). */
  private readonly stepNodes = new Map<string, PlannedNode>();
  private readonly documentsById: ReadonlyMap<string, SeedDocument>;
  private readonly relationships = new Map<string, PlannedRelationship>();
  private readonly references: Parsed<LifecycleReference>[] = [];
  private readonly acts: Parsed<LifecycleAct>[] = [];
  private readonly steps: Parsed<LifecycleStep>[] = [];
  private readonly disagreements: Parsed<LifecycleDisagreement>[] = [];
  private readonly meetings: Parsed<LifecycleMeeting>[] = [];
  /** Step id -> the instruments it is a step of. */
  private readonly stepInstruments = new Map<string, Set<string>>();
  /** Instrument id -> the statuses its steps set. */
  private readonly histories = new Map<string, StatusPoint[]>();

  constructor(
    private readonly base: GraphPlan,
    documents: readonly SeedDocument[],
    private readonly collect: ProblemCollector,
  ) {
    for (const node of base.nodes) {
      this.known.set(node.id, { label: node.label, url: typeof node.properties['url'] === 'string' });
    }
    this.documentsById = new Map(documents.map((document) => [document.id, document]));
  }

  build(files: readonly SeedYamlFile[], entityFiles: readonly SeedYamlFile[]): GraphPlan {
    for (const file of files) if (file.data !== undefined) this.parseFile(file);
    // Ids first, so that records may name each other in any order and across files.
    for (const { value, origin } of this.references) this.register(value.id, 'Reference', origin, { url: true });
    for (const { value, origin } of this.acts) this.register(value.id, 'Instrument', origin);
    for (const { value, origin } of this.steps) this.register(value.id, 'Event', origin);
    for (const { value, origin } of this.disagreements) this.register(value.id, 'Disagreement', origin);
    for (const { value, origin } of this.meetings) if (value.event === undefined) this.register(value.id, 'Event', origin);

    for (const reference of this.references) this.addReference(reference);
    for (const step of this.steps) this.addStep(step);
    for (const act of this.acts) this.addAct(act);
    for (const disagreement of this.disagreements) this.addDisagreement(disagreement);
    for (const meeting of this.meetings) this.addMeeting(meeting);
    this.checkFrozenStatuses(entityFiles);
    return { nodes: this.nodes, relationships: [...this.relationships.values()] };
  }

  /** Each seed instrument's `status` as of `statusAsOf` against its history on that day. */
  private checkFrozenStatuses(entityFiles: readonly SeedYamlFile[]): void {
    for (const node of this.base.nodes) {
      const { status, statusAsOf } = node.properties;
      if (node.label !== 'Instrument' || typeof status !== 'string' || typeof statusAsOf !== 'object' || statusAsOf === null || !('iso' in statusAsOf)) continue;
      const asOf = statusAsOf.iso;
      const found = disagreementWithHistory(status as never, asOf, this.histories.get(node.id) ?? []);
      if (found === undefined) continue;
      const origin = findEntityOrigin(entityFiles, node.id);
      if (origin === undefined) throw new Error(`instrument ${node.id} is in the plan but in no entity file`);
      const history = found.historyStatus === undefined ? 'no status yet (its first step is later)' : `${found.historyStatus} (step ${found.stepId})`;
      this.collect.add('INCONSISTENT', origin, ['status'], `${status} as of ${asOf} disagrees with the lifecycle history, which says ${history} on that day; the history quotes its sources, so fix status`);
    }
  }

  private parseFile(yaml: SeedYamlFile): void {
    const top = lifecycleFileSchema.safeParse(yaml.data);
    if (!top.success) {
      // An unknown key is reported and the known sections still checked: one typo spoils nothing else.
      const fatal = top.error.issues.filter((issue) => issue.code !== 'unrecognized_keys');
      for (const issue of top.error.issues) {
        if (issue.code === 'unrecognized_keys') {
          for (const key of issue.keys) {
            this.collect.add('SCHEMA', { yaml, path: [] }, [key], `unknown top-level key "${key}"; expected references, acts, steps, disagreements, meetings`);
          }
        } else {
          this.collect.add('SCHEMA', { yaml, path: [] }, issue.path as FieldPath, issue.message);
        }
      }
      if (fatal.length > 0) return;
    }
    const data = yaml.data as Record<string, unknown[] | undefined>;
    const section = <T>(name: string, schema: { safeParse(value: unknown): unknown }, into: Parsed<T>[]): void => {
      (data[name] ?? []).forEach((raw, index) => {
        const id = valueAt(raw, ['id']);
        const origin: RecordOrigin = { yaml, path: [name, index], record: typeof id === 'string' && id !== '' ? id : `${name}[${index}]` };
        const value = this.collect.parse(schema as never, raw, origin) as T | undefined;
        if (value !== undefined) into.push({ value, origin });
      });
    };
    section('references', lifecycleReferenceSchema, this.references);
    section('acts', actSchema, this.acts);
    section('steps', stepSchema, this.steps);
    section('disagreements', disagreementSchema, this.disagreements);
    section('meetings', meetingSchema, this.meetings);
  }

  private register(id: string, label: NodeLabel, origin: RecordOrigin, extra: { url?: boolean } = {}): void {
    const existing = this.known.get(id);
    if (existing !== undefined) {
      const where = existing.origin === undefined ? 'the documents and reference files' : existing.origin.yaml.file;
      this.collect.add('DUPLICATE_ID', origin, ['id'], `id ${id} is already used by a ${existing.label} in ${where}`);
      return;
    }
    this.known.set(id, { label, origin, ...extra });
  }

  /** Whether this record is the one that registered its id (a duplicate adds nothing). */
  private owns(id: string, origin: RecordOrigin): boolean {
    return this.known.get(id)?.origin === origin;
  }

  /** The id if it names a node of one of `labels`; otherwise a problem. */
  private expect(id: string, labels: readonly NodeLabel[], origin: RecordOrigin, field: FieldPath): boolean {
    const found = this.known.get(id);
    if (found === undefined) {
      this.collect.add('DANGLING_LINK', origin, field, `${id} is not defined by any seed file`);
      return false;
    }
    if (!labels.includes(found.label)) {
      this.collect.add('LINK_ENDPOINT', origin, field, `${id} is a ${found.label}, not a ${labels.join(' or ')}`);
      return false;
    }
    return true;
  }

  private addReference({ value, origin }: Parsed<LifecycleReference>): void {
    if (!this.owns(value.id, origin)) return;
    this.nodes.push({
      id: value.id,
      label: 'Reference',
      properties: { name: value.title, aliases: [], title: value.title, url: value.url, sourceKind: value.sourceKind },
    });
  }

  /** Checks a record's sources; the valid ones. */
  private checkSources(sources: readonly SourceQuote[], origin: RecordOrigin, field: FieldPath): SourceQuote[] {
    return sources.filter((source, index) => this.checkSource(source, origin, [...field, index, 'reference']));
  }

  /** Whether `source` names a Reference a reader can open; a problem at `at` otherwise. */
  private checkSource(source: SourceQuote, origin: RecordOrigin, at: FieldPath): boolean {
    const found = this.known.get(source.reference);
    if (found?.label !== 'Reference') {
      const reason = found === undefined ? `no reference has id ${source.reference}` : `${source.reference} is a ${found.label}, not a Reference`;
      this.collect.add('UNKNOWN_REFERENCE', origin, at, reason);
      return false;
    }
    if (found.url !== true) {
      this.collect.add('UNKNOWN_REFERENCE', origin, at, `${source.reference} has no url; a lifecycle fact's source must be one a reader can open`);
      return false;
    }
    return true;
  }

  /** One EXTERNAL_SOURCE per quoted source, the first marked primary. */
  private putSources(nodeId: string, sources: readonly SourceQuote[], fields: string[]): void {
    sources.forEach((source, index) => {
      this.put({
        type: 'EXTERNAL_SOURCE',
        from: nodeId,
        to: source.reference,
        key: `quote:${shortHash(source.quote)}`,
        properties: { basis: 'EXTERNAL', fields, quote: collapseWhitespace(source.quote), primary: index === 0 },
      });
    });
  }

  private addStep({ value, origin }: Parsed<LifecycleStep>): void {
    if (!this.owns(value.id, origin)) return;
    const precision = value.datePrecision ?? 'DAY';
    if (precision === 'MONTH' && !value.date.endsWith('-01')) {
      this.collect.add('INCONSISTENT', origin, ['date'], `a date of precision MONTH is written as the month's first day (${value.date.slice(0, 8)}01)`);
    }
    const sources = this.checkSources(value.sources, origin, ['sources']);
    const ruling = value.ruling !== undefined && this.checkSource(value.ruling, origin, ['ruling', 'reference']) ? value.ruling : undefined;
    if (value.ruling !== undefined && value.kind !== 'COURT_RULING') {
      this.collect.add('INCONSISTENT', origin, ['ruling'], `only a COURT_RULING step has a ruling; this step is a ${value.kind}`);
    }
    const instruments = new Set<string>();
    value.of.forEach((entry, index) => {
      if (!this.expect(entry.instrument, ['Instrument'], origin, ['of', index, 'instrument'])) return;
      if (instruments.has(entry.instrument)) {
        this.collect.add('DUPLICATE_RELATIONSHIP', origin, ['of', index, 'instrument'], `${entry.instrument} is named twice in this step`);
        return;
      }
      instruments.add(entry.instrument);
      if (entry.status !== undefined) {
        const history = this.histories.get(entry.instrument) ?? [];
        history.push({ date: value.date, status: entry.status, stepId: value.id });
        this.histories.set(entry.instrument, history);
      }
      const primary = sources[0];
      if (primary === undefined) return;
      this.put({
        type: 'STEP_OF',
        from: value.id,
        to: entry.instrument,
        key: 'step',
        properties: compact({
          basis: 'EXTERNAL',
          referenceId: primary.reference,
          quote: collapseWhitespace(primary.quote),
          role: entry.role,
          status: entry.status,
        }),
      });
    });
    this.stepInstruments.set(value.id, instruments);
    const node: PlannedNode = {
      id: value.id,
      label: 'Event',
      properties: compact({
        name: value.name,
        aliases: value.celex === undefined ? [] : [value.celex],
        description: value.note,
        kind: value.kind,
        stage: value.stage,
        date: planDate(value.date),
        datePrecision: precision,
        dateBasis: 'EXTERNAL',
        yearInferred: value.yearInferred,
        act: value.act,
        celex: value.celex,
        ruling: ruling === undefined ? undefined : collapseWhitespace(ruling.quote),
      }),
    };
    this.nodes.push(node);
    this.stepNodes.set(value.id, node);
    this.putSources(value.id, sources, ['kind', 'date', 'act', 'celex', 'STEP_OF']);
    if (ruling !== undefined) {
      // Its own source, never the step's primary one: the ruling is what the court decided, not when.
      this.put({
        type: 'EXTERNAL_SOURCE',
        from: value.id,
        to: ruling.reference,
        key: `quote:${shortHash(ruling.quote)}`,
        properties: { basis: 'EXTERNAL', fields: ['ruling'], quote: collapseWhitespace(ruling.quote), primary: false },
      });
    }
  }

  private addAct({ value, origin }: Parsed<LifecycleAct>): void {
    if (!this.owns(value.id, origin)) return;
    const [source] = this.checkSources([value.source], origin, ['source']);
    const { instrument, how, step } = value.successorOf;
    const predecessorKnown = this.expect(instrument, ['Instrument'], origin, ['successorOf', 'instrument']);
    const stepKnown = this.expect(step, ['Event'], origin, ['successorOf', 'step']);
    if (stepKnown && this.stepInstruments.get(step)?.has(instrument) !== true) {
      this.collect.add('INCONSISTENT', origin, ['successorOf', 'step'], `${step} is not a step of ${instrument}`);
    }
    this.nodes.push({
      id: value.id,
      label: 'Instrument',
      properties: { name: value.name, aliases: [...(value.aliases ?? []), value.celex], description: value.title, kind: value.kind, celex: value.celex },
    });
    if (source === undefined) return;
    this.putSources(value.id, [source], ['name', 'description', 'kind', 'celex', 'SUCCEEDED_BY']);
    if (predecessorKnown && stepKnown) {
      const stepNode = this.stepNodes.get(step);
      this.put({
        type: 'SUCCEEDED_BY',
        from: instrument,
        to: value.id,
        key: 'succession',
        properties: compact({
          basis: 'EXTERNAL',
          referenceId: source.reference,
          quote: collapseWhitespace(source.quote),
          how,
          stepId: step,
          date: stepNode?.properties['date'],
        }),
      });
    }
  }

  private addDisagreement({ value, origin }: Parsed<LifecycleDisagreement>): void {
    if (!this.owns(value.id, origin)) return;
    const sources = this.checkSources(value.sources, origin, ['sources']);
    this.nodes.push({
      id: value.id,
      label: 'Disagreement',
      properties: { name: value.name, aliases: [], verdict: value.verdict, explanation: value.explanation },
    });
    this.putSources(value.id, sources, ['verdict', 'explanation', 'COMPARED_WITH']);
    const primary = sources[0];
    if (value.instrument !== undefined && this.expect(value.instrument, ['Instrument'], origin, ['instrument']) && primary !== undefined) {
      this.put({
        type: 'CONCERNS',
        from: value.id,
        to: value.instrument,
        key: 'disagreement',
        properties: { basis: 'EXTERNAL', referenceId: primary.reference, quote: collapseWhitespace(primary.quote) },
      });
    }
    value.steps.forEach((step, index) => {
      if (!this.expect(step, ['Event'], origin, ['steps', index]) || primary === undefined) return;
      if (!this.stepInstruments.has(step)) {
        this.collect.add('LINK_ENDPOINT', origin, ['steps', index], `${step} is an Event of a document, not a lifecycle step`);
        return;
      }
      this.put({
        type: 'COMPARED_WITH',
        from: value.id,
        to: step,
        key: 'step',
        properties: { basis: 'EXTERNAL', referenceId: primary.reference, quote: collapseWhitespace(primary.quote) },
      });
    });
    this.addClaim(value, origin);
  }

  /** The text's side: its quote must be in the passage, as for any fact read from a document. */
  private addClaim(value: LifecycleDisagreement, origin: RecordOrigin): void {
    const { document: documentId, passage: short, quote, event } = value.claim;
    const eventKnown = this.expect(event, ['Event'], origin, ['claim', 'event']);
    if (eventKnown && this.stepInstruments.has(event)) {
      this.collect.add('LINK_ENDPOINT', origin, ['claim', 'event'], `${event} is a lifecycle step; the claim is the text's own Event`);
      return;
    }
    const document = this.documentsById.get(documentId);
    if (document === undefined) {
      this.collect.add('DANGLING_LINK', origin, ['claim', 'document'], `no seed document has id ${documentId}`);
      return;
    }
    const id = passageId(documentId, Number(short.slice(1)));
    const passage = document.passages.find((candidate) => candidate.id === id);
    if (passage === undefined) {
      this.collect.add('UNKNOWN_PASSAGE', origin, ['claim', 'passage'], `passage ${short} does not exist in ${documentId}`);
      return;
    }
    const wanted = collapseWhitespace(quote);
    const start = passage.text.indexOf(wanted);
    if (start < 0) {
      this.collect.add(ErrorCode.QUOTE_NOT_FOUND, origin, ['claim', 'quote'], `quote "${wanted}" does not occur in passage ${passage.id}`);
      return;
    }
    if (!eventKnown) return;
    this.put({
      type: 'DISPUTES',
      from: value.id,
      to: event,
      key: `${passage.id}:${shortHash(wanted)}`,
      properties: { basis: 'TEXT', documentId, passageId: passage.id, quote: wanted, quoteStart: start, quoteEnd: start + wanted.length },
    });
  }

  private addMeeting({ value, origin }: Parsed<LifecycleMeeting>): void {
    const sources = this.checkSources(value.sources, origin, ['sources']);
    const documentKnown = this.expect(value.document, ['Document'], origin, ['document']);
    let eventId = value.id;
    if (value.event !== undefined) {
      if (!this.expect(value.event, ['Event'], origin, ['event'])) return;
      for (const key of ['name', 'kind', 'date', 'endDate', 'place'] as const) {
        if (value[key] !== undefined) this.collect.add('INCONSISTENT', origin, [key], `set on the Event ${value.event}, not here: a meeting with event only links it`);
      }
      eventId = value.event;
    } else {
      if (!this.owns(value.id, origin)) return;
      for (const key of ['name', 'date'] as const) {
        if (value[key] === undefined) this.collect.add('SCHEMA', origin, [key], 'required field is missing (or give `event`: an Event defined elsewhere)');
      }
      if (value.name === undefined || value.date === undefined) return;
      if (value.endDate !== undefined && value.endDate < value.date) {
        this.collect.add('INCONSISTENT', origin, ['endDate'], `ends (${value.endDate}) before it starts (${value.date})`);
      }
      this.nodes.push({
        id: value.id,
        label: 'Event',
        properties: compact({
          name: value.name,
          aliases: [],
          description: value.note,
          kind: value.kind ?? 'MEETING',
          date: planDate(value.date),
          endDate: value.endDate === undefined ? undefined : planDate(value.endDate),
          datePrecision: 'DAY',
          dateBasis: 'EXTERNAL',
          place: value.place,
          series: value.series,
          ordinal: value.ordinal,
        }),
      });
      this.putSources(value.id, sources, ['name', 'date', 'endDate', 'place', 'kind', 'SERIES_MEETING']);
    }
    const primary = sources[0];
    if (!documentKnown || primary === undefined) return;
    this.put({
      type: 'SERIES_MEETING',
      from: value.document,
      to: eventId,
      key: `series:${shortHash(value.series)}`,
      properties: compact({
        basis: 'EXTERNAL',
        referenceId: primary.reference,
        quote: collapseWhitespace(primary.quote),
        series: value.series,
        ordinal: value.ordinal,
      }),
    });
  }

  private put(relationship: PlannedRelationship): void {
    const identity = `${relationship.from}|${relationship.type}|${relationship.to}|${relationship.key}`;
    if (!this.relationships.has(identity)) this.relationships.set(identity, relationship);
  }
}

/** Where the record of entity `id` sits in the reference or document files. */
function findEntityOrigin(files: readonly SeedYamlFile[], id: string): RecordOrigin | undefined {
  for (const yaml of files) {
    const entities = valueAt(yaml.data, ['entities']);
    if (!Array.isArray(entities)) continue;
    const index = entities.findIndex((raw) => valueAt(raw, ['id']) === id);
    if (index >= 0) return { yaml, path: ['entities', index], record: id };
  }
  return undefined;
}

