import { ENTITY_LABEL, SOURCE_LABEL } from '../store/labels.ts';
import type { PropertyType } from '../values/property-types.ts';

/**
 * What every exporter reads: the graph's shape first (writers need headers and keys before the
 * first row), then nodes and relationships as async streams, so no writer ever holds the graph.
 */
export interface GraphSource {
  schema: GraphSchema;
  nodes(): AsyncIterable<ExportNode>;
  relationships(): AsyncIterable<ExportRelationship>;
}

/** Property values are the driver's own (`Integer`, `Date`, arrays of them...); never null. */
export type Properties = Record<string, unknown>;

export interface ExportNode {
  /** Sorted, internal labels (`_EntenteMeta`) removed. */
  labels: string[];
  properties: Properties;
}

export interface NodeRef {
  id: string;
  labels: string[];
}

export interface ExportRelationship {
  type: string;
  start: NodeRef;
  end: NodeRef;
  properties: Properties;
}

/** A property as a column: its one type, or `mixed` when nodes of the group disagree. */
export interface PropertyColumn {
  name: string;
  type: PropertyType | 'mixed';
}

/** Nodes sharing one exact label set. */
export interface NodeGroup {
  labels: string[];
  count: number;
  properties: PropertyColumn[];
}

export interface RelationshipGroup {
  type: string;
  count: number;
  properties: PropertyColumn[];
}

export interface GraphSchema {
  nodeGroups: NodeGroup[];
  relationshipGroups: RelationshipGroup[];
  /** `CREATE CONSTRAINT ...` statements, as `SHOW CONSTRAINTS` gives them. */
  constraints: string[];
  /** `CREATE ... INDEX ...` statements for indexes that no constraint owns. */
  indexes: string[];
  /** Labels with a uniqueness constraint on `id`: the labels relationships are matched by. */
  keyLabels: string[];
  nodeCount: number;
  relationshipCount: number;
}

/** Labels starting with `_` are Entente's bookkeeping (`_EntenteMeta`), never exported. */

export const groupKey = (labels: readonly string[]): string => labels.join(':');

/** The label to find a node by: a constrained one when there is one, so lookups use its index. */
export function keyLabelOf(labels: readonly string[], keyLabels: readonly string[]): string {
  return labels.find((label) => keyLabels.includes(label)) ?? labels[0] ?? '';
}

const CATEGORY_LABELS: readonly string[] = [ENTITY_LABEL, SOURCE_LABEL];

/**
 * What a node is, as one word to colour or filter by: its labels without the category labels
 * (`Country`, not `Entity`), joined with `;` when more than one remain.
 */
export function nodeType(labels: readonly string[]): string {
  const specific = labels.filter((label) => !CATEGORY_LABELS.includes(label));
  return (specific.length > 0 ? specific : labels).join(';');
}

/** The text to show on a node (Gephi's `label`): its name, else its title, else its id. */
export function nodeLabel(properties: Properties): string {
  for (const key of ['name', 'title', 'id']) {
    const value = properties[key];
    if (typeof value === 'string' && value !== '') return value;
  }
  return '';
}
