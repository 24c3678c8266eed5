/**
 * The provenance of a node's properties, in the shape relationships use (fact-provenance.ts). The
 * store keeps it per node, not per property: the EXTERNAL_SOURCE fields, the date bases and the
 * mentions; this reads one answer per property from them.
 */
import { ruleOfDateBasis, INFERENCE_RULES } from '../../graph/fact-basis.ts';
import type { NodeLabel } from '../../graph/graph-plan.ts';
import type { FactProvenance, PassageRef } from './fact-provenance.ts';

export interface NodeMention {
  quote: string;
  quoteStart: number | null;
  quoteEnd: number | null;
  passage: PassageRef;
  document: { id: string; title: string | null } | null;
}

export interface NodeReference {
  id: string;
  title: string | null;
  url: string | null;
  fields: string[];
}

/** Documents, passages and references are the sources themselves. */
const SOURCE_LABELS: ReadonlySet<NodeLabel> = new Set(['Document', 'Passage', 'Reference']);

/** The date properties whose basis a sibling property states, and the quoted words they come from. */
const DATED: Partial<Record<NodeLabel, Record<string, { basis: string; evidence: string }>>> = {
  Event: { date: { basis: 'dateBasis', evidence: 'dateText' }, endDate: { basis: 'dateBasis', evidence: 'dateText' } },
  Commitment: { deadline: { basis: 'deadlineBasis', evidence: 'deadlineText' } },
};

/** Which quoted property is the evidence for another one; the rest rest on the node's own quote or first mention. */
const EVIDENCE: Partial<Record<NodeLabel, Record<string, string>>> = {
  Event: { dateText: 'dateText', dateBasis: 'dateText' },
  Commitment: { verbPhrase: 'verbPhrase', modality: 'verbPhrase', condition: 'condition', deadlineText: 'deadlineText', deadlineBasis: 'deadlineText' },
};

/** The provenance of property `key` of a node; null when nothing records it (or the node is a source). */
export function propertyProvenance(
  label: NodeLabel,
  key: string,
  properties: Record<string, unknown>,
  mentions: readonly NodeMention[],
  references: readonly NodeReference[],
): FactProvenance | null {
  const reference = references.find((candidate) => candidate.fields.includes(key));
  if (reference !== undefined) return external(reference);
  if (SOURCE_LABELS.has(label)) return null;

  const dated = DATED[label]?.[key];
  const evidenceKey = dated?.evidence ?? EVIDENCE[label]?.[key];
  const evidence = evidenceKey === undefined ? undefined : properties[evidenceKey];
  const text = locate(typeof evidence === 'string' ? evidence : undefined, label === 'Commitment' ? properties['quote'] : undefined, mentions);
  if (dated !== undefined) {
    const basis = String(properties[dated.basis] ?? 'STATED');
    if (basis === 'EXTERNAL') {
      const source = references.find((candidate) => candidate.fields.includes(dated.basis) || candidate.fields.includes('date'));
      return source === undefined ? null : external(source);
    }
    const rule = ruleOfDateBasis(basis);
    if (rule !== undefined && text !== null) return { ...text, basis: 'INFERENCE', rule, ruleDescription: INFERENCE_RULES[rule] };
  }
  return text;
}

function external(reference: NodeReference): FactProvenance {
  return {
    ...EMPTY,
    basis: 'EXTERNAL',
    reference: { id: reference.id, title: reference.title, url: reference.url },
    referenceId: reference.id,
  };
}

const EMPTY: FactProvenance = {
  basis: 'TEXT',
  rule: null,
  ruleDescription: null,
  document: null,
  passage: null,
  quote: null,
  quoteStart: null,
  quoteEnd: null,
  reference: null,
  documentId: null,
  passageId: null,
  referenceId: null,
};

/**
 * TEXT provenance: `words` found in one of the node's mentioned passages (its own quote's passage
 * first), or else the node's own quote or first mention itself.
 */
function locate(words: string | undefined, ownQuote: unknown, mentions: readonly NodeMention[]): FactProvenance | null {
  const ordered = [...mentions].sort((a, b) => Number(b.quote === ownQuote) - Number(a.quote === ownQuote));
  const first = ordered[0];
  if (first === undefined) return null;
  if (words !== undefined) {
    const wanted = words.replace(/\s+/gu, ' ').trim().toLowerCase();
    for (const mention of ordered) {
      const start = mention.passage.text?.toLowerCase().indexOf(wanted) ?? -1;
      if (start >= 0) return fromText(mention, mention.passage.text!.slice(start, start + wanted.length), start);
    }
  }
  return fromText(first, first.quote, first.quoteStart);
}

function fromText(mention: NodeMention, quote: string, start: number | null): FactProvenance {
  return {
    ...EMPTY,
    document: mention.document,
    passage: mention.passage,
    quote,
    quoteStart: start,
    quoteEnd: start === null ? null : start + quote.length,
    documentId: mention.document?.id ?? null,
    passageId: mention.passage.id,
  };
}
