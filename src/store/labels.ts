import { NODE_LABELS, type NodeLabel } from '../graph/graph-plan.ts';

/**
 * Labels and property names the store adds beside the graph model. Those starting with `_` are
 * internal (graph/internal-names.ts).
 */

/** What the graph is about: neighbourhood and path queries stay within these. */
export const ENTITY_LABEL = 'Entity';
/** The provenance layer: documents, their passages, outside references and where they disagree. */
export const SOURCE_LABEL = 'Source';
export type CategoryLabel = typeof ENTITY_LABEL | typeof SOURCE_LABEL;

/** Marks nodes the seed owns, so a re-run can delete what the seed no longer holds. */
export const SEED_LABEL = '_Seed';
/** On relationships the seed owns: the plan's `key`, part of the relationship's identity. */
export const SEED_KEY_PROPERTY = '_seedKey';
/** The single `(:_EntenteMeta {id: 'seed'})` node recording the loaded seed's hash. */
export const META_LABEL = '_EntenteMeta';
export const META_SEED_ID = 'seed';

export const SOURCE_LABELS: readonly NodeLabel[] = ['Document', 'Passage', 'Reference', 'Disagreement'];

export function categoryOf(label: NodeLabel): CategoryLabel {
  return SOURCE_LABELS.includes(label) ? SOURCE_LABEL : ENTITY_LABEL;
}

/** Every label the store may put on a seed node, internal ones included. */
export const MANAGED_LABELS: readonly string[] = [...NODE_LABELS, ENTITY_LABEL, SOURCE_LABEL, SEED_LABEL];
