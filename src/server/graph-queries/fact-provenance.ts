/**
 * One provenance shape for every fact the analyst queries return (relationships and properties):
 * its basis, and the passage, quote and offsets, rule or reference behind it.
 */
import { INFERENCE_RULES, type FactBasis, type InferenceRule } from '../../graph/fact-basis.ts';

export interface PassageRef {
  id: string;
  section: string | null;
  order: number | null;
  text: string | null;
}

export interface DocumentRef {
  id: string;
  title: string | null;
}

export interface ReferenceRef {
  id: string;
  title: string | null;
  url: string | null;
}

export interface FactProvenance {
  basis: FactBasis;
  rule: InferenceRule | null;
  ruleDescription: string | null;
  document: DocumentRef | null;
  passage: PassageRef | null;
  quote: string | null;
  quoteStart: number | null;
  quoteEnd: number | null;
  reference: ReferenceRef | null;
  documentId: string | null;
  passageId: string | null;
  referenceId: string | null;
}

/** The sources a relationship's provenance ids point at, as `toFactProvenance` reads them. */
export interface ProvenanceSources {
  passage?: PassageRef | null;
  document?: DocumentRef | null;
  reference?: ReferenceRef | null;
}

/**
 * Cypher map entries (`passage: ..., document: ..., reference: ...`) looking up the nodes that
 * relationship `r`'s passageId, documentId and referenceId name: one indexed lookup each.
 */
export const PROVENANCE_SOURCES = (r: string) =>
  `passage: COLLECT { MATCH (pp:Passage {id: ${r}.passageId}) RETURN pp {.id, .section, .order, .text} }[0],
   document: COLLECT { MATCH (pd:Document {id: ${r}.documentId}) RETURN pd {.id, .title} }[0],
   reference: COLLECT { MATCH (pr:Reference {id: ${r}.referenceId}) RETURN pr {.id, .title, .url} }[0]`;

/** Keys of a relationship that are provenance; the rest of its public properties are type-specific. */
export const PROVENANCE_KEYS = ['basis', 'rule', 'documentId', 'passageId', 'quote', 'quoteStart', 'quoteEnd', 'referenceId'] as const;

/**
 * A relationship's provenance from its properties and the sources they name. A relationship
 * written before every fact carried `basis` gets the one its other keys imply.
 */
export function toFactProvenance(properties: Record<string, unknown>, sources: ProvenanceSources = {}): FactProvenance {
  const text = (key: string) => (typeof properties[key] === 'string' ? (properties[key] as string) : null);
  const integer = (key: string) => toNumber(properties[key]);
  const rule = isInferenceRule(properties['rule']) ? properties['rule'] : null;
  const basis = isFactBasis(properties['basis']) ? properties['basis'] : rule !== null ? 'INFERENCE' : text('referenceId') !== null ? 'EXTERNAL' : 'TEXT';
  return {
    basis,
    rule,
    ruleDescription: rule === null ? null : INFERENCE_RULES[rule],
    document: sources.document ?? null,
    passage: sources.passage === undefined || sources.passage === null ? null : { ...sources.passage, order: toNumber(sources.passage.order) },
    quote: text('quote'),
    quoteStart: integer('quoteStart'),
    quoteEnd: integer('quoteEnd'),
    reference: sources.reference ?? null,
    documentId: text('documentId'),
    passageId: text('passageId'),
    referenceId: text('referenceId'),
  };
}

function isFactBasis(value: unknown): value is FactBasis {
  return value === 'TEXT' || value === 'EXTERNAL' || value === 'INFERENCE';
}

function isInferenceRule(value: unknown): value is InferenceRule {
  return typeof value === 'string' && Object.hasOwn(INFERENCE_RULES, value);
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return value;
  if (value !== null && typeof value === 'object' && 'toNumber' in value && typeof value.toNumber === 'function') return (value.toNumber as () => number)();
  return null;
}
