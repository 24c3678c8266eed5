/**
 * The graph as data, before it touches a database: what seeding produces from the curated files
 * and what the store writes. Keeping it plain makes validation testable without Neo4j and lets
 * every writer (seed loader, importers) share one shape.
 */

/** Property values the graph stores. Dates are ISO `YYYY-MM-DD` strings tagged as dates. */
export type PlanScalar = string | number | boolean | PlanDate;
export type PlanValue = PlanScalar | PlanScalar[] | null;

/** A calendar date: written to Neo4j as a `Date`, not a string. */
export interface PlanDate {
  kind: 'date';
  iso: string;
}

export const planDate = (iso: string): PlanDate => ({ kind: 'date', iso });

export interface PlannedNode {
  /** Unique across the whole graph (a uniqueness constraint on each label enforces it). */
  id: string;
  /** The primary label, one of NODE_LABELS. */
  label: NodeLabel;
  properties: Record<string, PlanValue>;
}

export interface PlannedRelationship {
  type: RelationshipType;
  from: string;
  to: string;
  /**
   * Provenance (docs/graph-model.md): `basis` (TEXT, EXTERNAL or INFERENCE); documentId,
   * passageId, quote, quoteStart, quoteEnd for facts read from a passage, `rule` for inferences,
   * referenceId for external facts; plus type-specific properties (title, role, ...). Identity
   * for MERGE is (from, type, to, key).
   */
  properties: Record<string, PlanValue>;
  /** Distinguishes parallel relationships of the same type between the same nodes. */
  key: string;
}

export interface GraphPlan {
  nodes: PlannedNode[];
  relationships: PlannedRelationship[];
}

export const NODE_LABELS = [
  'Document',
  'Passage',
  'Reference',
  'Country',
  'Place',
  'Person',
  'Organisation',
  'Instrument',
  'Event',
  'Commitment',
  'Topic',
  'Disagreement',
] as const;
export type NodeLabel = (typeof NODE_LABELS)[number];

export const RELATIONSHIP_TYPES = [
  'PART_OF',
  'MENTIONED_IN',
  'EXTERNAL_SOURCE',
  'HOLDS_OFFICE',
  'BELONGS_TO',
  'LOCATED_IN',
  'ATTENDED',
  'PARTY_TO',
  'INVOLVES',
  'CONCERNS',
  'ON_TOPIC',
  'HAS_DEADLINE_EVENT',
  'BUILDS_ON',
  'NEAR_DUPLICATE_OF',
  'RECORDS',
  'OCCURRED_IN',
  'MEMBER_OF',
  'WORKS_WITH',
  'REFORMS',
  'PROPOSED_BY',
  'FOLLOWS_UP',
  'RECALLS',
  // Lifecycle facts (docs/graph-model.md, "Lifecycle"): external, each with its Reference and quote.
  'STEP_OF',
  'SUCCEEDED_BY',
  'DISPUTES',
  'COMPARED_WITH',
  'SERIES_MEETING',
] as const;
export type RelationshipType = (typeof RELATIONSHIP_TYPES)[number];

/** Relationships that tie a fact to its source (document structure, provenance), not facts. */
export const STRUCTURAL_TYPES = ['PART_OF', 'MENTIONED_IN', 'EXTERNAL_SOURCE'] as const satisfies readonly RelationshipType[];

/** The fact relationships: what a seed file may write as `links`. */
export type LinkType = Exclude<RelationshipType, (typeof STRUCTURAL_TYPES)[number]>;
export const LINK_TYPES: readonly LinkType[] = RELATIONSHIP_TYPES.filter(
  (type): type is LinkType => !(STRUCTURAL_TYPES as readonly string[]).includes(type),
);
