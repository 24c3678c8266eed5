/**
 * Checks the parsed seed records against each other and the source texts, and expands them into
 * a GraphPlan: nodes, provenance (MENTIONED_IN, EXTERNAL_SOURCE) and links. Every problem is
 * collected; readSeed decides to throw. The checks live beside it, one concept a file: ids
 * (seed-registry), quotes (find-quote), mentions, links, external sources, commitments' evidence
 * and events' dates.
 */
import { planDate, type GraphPlan, type PlannedNode, type PlanValue } from '../graph/graph-plan.ts';
import { checkEventDates } from './check-event-dates.ts';
import { addCommitmentProvenance } from './commitment-provenance.ts';
import { addExternalSources, checkExternalCoverage } from './external-sources.ts';
import { shortPassageId } from './find-quote.ts';
import { parseSeedRecords, type DocumentContext, type Parsed, type SeedDocument, type SeedInput, type SeedRecords } from './parse-seed-records.ts';
import { addLinks } from './plan-links.ts';
import { addMention, checkMentions } from './plan-mentions.ts';
import { PlannedRelationships } from './planned-relationships.ts';
import type { SeedPlanState } from './seed-plan-state.ts';
import { ProblemCollector, type SeedProblem } from './seed-problems.ts';
import { compact, documentProperties, entityProperties, NON_PROPERTY_KEYS, toPlanValue } from './seed-properties.ts';
import { SeedRegistry, type Registered } from './seed-registry.ts';
import type { SeedFacts } from './seed-schema.ts';

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

class SeedPlanBuilder {
  private readonly state: SeedPlanState;
  private readonly nodes: PlannedNode[] = [];

  constructor(
    private readonly records: SeedRecords,
    collect: ProblemCollector,
  ) {
    this.state = { collect, registry: new SeedRegistry(collect), relationships: new PlannedRelationships(collect) };
  }

  build(): GraphPlan {
    this.registerIds();
    for (const document of this.records.documents) this.addDocument(document);
    for (const reference of this.records.references) this.addReference(reference);
    for (const entity of this.records.entities) this.addEntity(entity);
    for (const facts of this.records.facts) this.addFacts(facts);
    checkMentions(this.state, this.records);
    return { nodes: this.nodes, relationships: this.state.relationships.list() };
  }

  /** Ids are unique across the whole graph; the first definition wins, later ones are problems. */
  private registerIds(): void {
    const { registry } = this.state;
    const { documents, references, entities, invalid } = this.records;
    for (const { value, origin } of documents) registry.register({ id: value.id, label: 'Document', origin, documentId: value.id });
    for (const { value, origin } of references) registry.register({ id: value.id, label: 'Reference', origin });
    for (const { value, origin, context } of entities) {
      const entry: Registered = { id: value.id, label: value.type, origin };
      if ('kind' in value && typeof value.kind === 'string') entry.kind = value.kind;
      if (value.type === 'Commitment') entry.novelty = value.novelty;
      if (context !== undefined) entry.documentId = context.id;
      registry.register(entry);
    }
    for (const { id, label, origin } of invalid) registry.register({ id, label, origin, invalid: true });
  }

  private addDocument({ value, origin, text, context }: SeedRecords['documents'][number]): void {
    if (!this.state.registry.isFirstDefinition(value.id, origin)) return;
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
      this.state.relationships.put({ type: 'PART_OF', from: passage.id, to: value.id, key: 'structure', properties: {} });
    }
    addExternalSources(this.state, value.id, 'Document', value.external ?? [], documentProperties(), origin);
    addLinks(this.state, value.links ?? [], value.id, origin, context, undefined);
  }

  private addReference({ value, origin }: SeedRecords['references'][number]): void {
    if (!this.state.registry.isFirstDefinition(value.id, origin)) return;
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
    if (!this.state.registry.isFirstDefinition(value.id, origin)) return;
    const properties: Record<string, PlanValue> = { aliases: [] };
    for (const [key, raw] of Object.entries(value)) {
      if (!NON_PROPERTY_KEYS.has(key) && raw !== undefined) properties[key] = toPlanValue(key, raw);
    }
    const linkSources = addExternalSources(this.state, value.id, value.type, value.external ?? [], entityProperties(value.type), origin);

    if (context === undefined) {
      checkExternalCoverage(this.state, value, origin);
    } else {
      if (value.type === 'Commitment') addCommitmentProvenance(this.state, value, origin, context, properties);
      if (value.type === 'Event') checkEventDates(this.state.collect, value, origin, context);
      if (value.type === 'Instrument' && value.status !== undefined && value.statusAsOf === undefined && context.date !== undefined) {
        properties['statusAsOf'] = planDate(context.date);
      }
      if ('mentions' in value) {
        (value.mentions ?? []).forEach((m, index) => addMention(this.state, context, value.id, origin, ['mentions', index], m.passage, m.quote));
      }
    }
    this.nodes.push({ id: value.id, label: value.type, properties });
    const defaultPassage = value.type === 'Commitment' ? value.passage : undefined;
    addLinks(this.state, value.links ?? [], value.id, origin, context, defaultPassage, linkSources);
  }

  private addFacts({ value, origin, context }: Parsed<SeedFacts> & { context: DocumentContext }): void {
    const target = this.state.registry.get(value.id);
    if (target?.invalid === true) return;
    if (target === undefined) {
      this.state.collect.add('UNKNOWN_ID', origin, ['id'], `no seed file defines ${value.id}`);
      return;
    }
    if (target.label === 'Document' || target.label === 'Reference') {
      this.state.collect.add('UNKNOWN_ID', origin, ['id'], `${value.id} is a ${target.label}; facts are for entities`);
      return;
    }
    (value.mentions ?? []).forEach((m, index) => addMention(this.state, context, value.id, origin, ['mentions', index], m.passage, m.quote));
    addLinks(this.state, value.links ?? [], value.id, origin, context, undefined);
  }
}
