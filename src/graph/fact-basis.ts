/**
 * How the graph knows a fact: the one provenance question every property and relationship
 * answers (docs/graph-model.md, "Provenance"). TEXT facts quote a passage; EXTERNAL facts name a
 * Reference; INFERENCE facts quote the passage they rest on and name the rule that reads it.
 */

export const FACT_BASES = ['TEXT', 'EXTERNAL', 'INFERENCE'] as const;
export type FactBasis = (typeof FACT_BASES)[number];

/**
 * The curators' reading rules. A fact built by one of them is marked INFERENCE with the rule's
 * name, so that an analyst can discount or re-check every fact that rests on it.
 */
export const INFERENCE_RULES = {
  YEAR_FROM_DOCUMENT_DATE: 'A day and month without a year take the year of the document\'s date.',
  PERIOD_END: 'A period ("by the end of 2018") is stored as its last day.',
  PAIR_ORDER: 'People named in pairs after "France and Belgium" are read in that order: the first French, the second Belgian.',
  OUR_MEANS_BOTH_PARTIES: 'In a bilateral statement "our", "joint" and "Franco-Belgian" mean both parties: one node or link per country.',
  YEAR_MATCHES_DOCUMENT: 'A decision dated only by its year ("In 2016 we decided") was made in the one earlier text of that year the statement names.',
} as const;
export type InferenceRule = keyof typeof INFERENCE_RULES;
export const INFERENCE_RULE_NAMES = Object.keys(INFERENCE_RULES) as [InferenceRule, ...InferenceRule[]];

/** The rule behind a date whose `dateBasis`/`deadlineBasis` is not STATED or EXTERNAL. */
export function ruleOfDateBasis(dateBasis: string): InferenceRule | undefined {
  if (dateBasis === 'YEAR_INFERRED') return 'YEAR_FROM_DOCUMENT_DATE';
  if (dateBasis === 'APPROXIMATE') return 'PERIOD_END';
  return undefined;
}

/**
 * Whether a date is an inference rather than a statement: the text's year taken from the
 * document's date (YEAR_INFERRED) or a period stored as its last day (APPROXIMATE), each by its
 * rule, or an external source that left the year implicit (`yearInferred`). A date an external
 * source states in full (EXTERNAL) is a fact from that source, not an inference. The generated
 * API's `Event.inferred` (schema.graphql) says the same in Cypher.
 */
export function isInferredDate(dateBasis: string | null | undefined, yearInferred: boolean | null | undefined = false): boolean {
  return (dateBasis !== null && dateBasis !== undefined && ruleOfDateBasis(dateBasis) !== undefined) || yearInferred === true;
}

/** Whether a commitment is made by the statement or recalls an earlier decision. */
export const NOVELTIES = ['NEW', 'RESTATED'] as const;
export type Novelty = (typeof NOVELTIES)[number];
