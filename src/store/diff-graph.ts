/**
 * Compares what the seed owns in the database with a plan and lists the writes that make the
 * database match it. Pure: the loader reads the state, calls this, and runs only the changes, so
 * a second load of the same plan writes nothing at all.
 */
import { AppError, ErrorCode } from '../errors.ts';
import { isInternalName } from '../graph/internal-names.ts';
import { NODE_LABELS, RELATIONSHIP_TYPES, type GraphPlan, type NodeLabel, type PlannedNode, type PlannedRelationship, type RelationshipType } from '../graph/graph-plan.ts';
import { categoryOf, MANAGED_LABELS, SEED_KEY_PROPERTY, SEED_LABEL } from './labels.ts';
import { comparableProperties, toStoredProperties, type StoredValue } from './plan-values.ts';

/** A seed-owned node as read from Neo4j. */
export interface StoredNode {
  /** Valid within the transaction that read it: updates and deletes address nodes by it. */
  elementId: string;
  id: string;
  labels: string[];
  properties: Record<string, unknown>;
}

/** A seed-owned relationship as read from Neo4j; `key` is its `_seedKey`. */
export interface StoredRelationship {
  elementId: string;
  from: string;
  type: string;
  key: string;
  to: string;
  properties: Record<string, unknown>;
}

export interface GraphState {
  nodes: StoredNode[];
  relationships: StoredRelationship[];
}

export interface NodeWrite {
  id: string;
  label: NodeLabel;
  /** The complete property map (id included): written with `SET n = $properties`. */
  properties: Record<string, StoredValue>;
}

export interface RelationshipWrite {
  from: string;
  type: RelationshipType;
  key: string;
  to: string;
  /** The complete property map (`_seedKey` included): written with `SET r = $properties`. */
  properties: Record<string, StoredValue>;
}

/** A write to an existing node or relationship, addressed by its element id. */
export type Stored<T> = T & { elementId: string };

export interface GraphDiff {
  createNodes: NodeWrite[];
  /** Nodes whose properties differ; written whole. */
  updateNodes: Stored<NodeWrite>[];
  /** Nodes whose primary label changed (relabelled before their properties are written). */
  relabelNodes: Stored<{ id: string; label: NodeLabel }>[];
  /** Nodes the plan no longer has: removed with any relationships left on them. */
  deleteNodes: Stored<{ id: string; label: NodeLabel | undefined }>[];
  createRelationships: RelationshipWrite[];
  updateRelationships: Stored<RelationshipWrite>[];
  /** Relationships the plan no longer has (deleted before any node). */
  deleteRelationships: Stored<{ from: string; type: string; key: string; to: string }>[];
}

export interface PlanProblem {
  record: string;
  field?: string;
  reason: string;
}

export function relationshipIdentity(rel: { from: string; type: string; key: string; to: string }): string {
  return JSON.stringify([rel.from, rel.type, rel.key, rel.to]);
}

/**
 * Checks what the store relies on: known labels and types, unique ids and relationship
 * identities, endpoints in the plan, no internal (`_`) property names, storable values.
 * Throws SEED_INVALID listing every problem.
 */
export function assertPlanWritable(plan: GraphPlan): WritablePlan {
  return checkPlan(plan, true);
}

/** assertPlanWritable without keeping the converted plan: the loader converts batch by batch. */
export function checkPlanWritable(plan: GraphPlan): void {
  checkPlan(plan, false);
}

/** A checked plan node in its stored form. */
export function toNodeWrite(node: PlannedNode): NodeWrite {
  return { id: node.id, label: node.label, properties: toStoredProperties({ ...node.properties, id: node.id }, `node ${node.id}`) };
}

/** A checked plan relationship in its stored form (its key is stored as `_seedKey`). */
export function toRelationshipWrite(rel: PlannedRelationship): RelationshipWrite {
  const record = `relationship (${rel.from})-[${rel.type} ${rel.key}]->(${rel.to})`;
  return { from: rel.from, type: rel.type, key: rel.key, to: rel.to, properties: toStoredProperties({ ...rel.properties, [SEED_KEY_PROPERTY]: rel.key }, record) };
}

function checkPlan(plan: GraphPlan, keep: boolean): WritablePlan {
  const problems: PlanProblem[] = [];
  const nodes: NodeWrite[] = [];
  const relationships: RelationshipWrite[] = [];
  const ids = new Set<string>();
  const convert = <T>(record: string, fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      problems.push({ record, field: String(error.details.where ?? ''), reason: error.message });
      return undefined;
    }
  };
  const checkNames = (record: string, properties: Record<string, unknown>) => {
    for (const name of Object.keys(properties)) {
      if (isInternalName(name)) problems.push({ record, field: name, reason: 'property names starting with _ are reserved for the store' });
    }
  };

  for (const node of plan.nodes) {
    const record = `node ${node.id}`;
    if (!(NODE_LABELS as readonly string[]).includes(node.label)) problems.push({ record, field: 'label', reason: `unknown label ${node.label}` });
    if (typeof node.id !== 'string' || node.id === '') problems.push({ record, field: 'id', reason: 'id must be a non-empty string' });
    if (ids.has(node.id)) problems.push({ record, field: 'id', reason: 'duplicate node id' });
    ids.add(node.id);
    if ('id' in node.properties && node.properties.id !== node.id) {
      problems.push({ record, field: 'id', reason: `properties.id ${JSON.stringify(node.properties.id)} differs from the node's id` });
    }
    checkNames(record, node.properties);
    const properties = convert(record, () => toStoredProperties({ ...node.properties, id: node.id }, record));
    if (properties && keep) nodes.push({ id: node.id, label: node.label, properties });
  }

  const identities = new Set<string>();
  for (const rel of plan.relationships) {
    const record = `relationship (${rel.from})-[${rel.type} ${rel.key}]->(${rel.to})`;
    if (!(RELATIONSHIP_TYPES as readonly string[]).includes(rel.type)) problems.push({ record, field: 'type', reason: `unknown relationship type ${rel.type}` });
    if (!ids.has(rel.from)) problems.push({ record, field: 'from', reason: `no node ${rel.from} in the plan` });
    if (!ids.has(rel.to)) problems.push({ record, field: 'to', reason: `no node ${rel.to} in the plan` });
    if (typeof rel.key !== 'string') problems.push({ record, field: 'key', reason: 'key must be a string' });
    const identity = relationshipIdentity(rel);
    if (identities.has(identity)) problems.push({ record, field: 'key', reason: 'duplicate relationship (same from, type, key and to)' });
    identities.add(identity);
    checkNames(record, rel.properties);
    const properties = convert(record, () => toStoredProperties({ ...rel.properties, [SEED_KEY_PROPERTY]: rel.key }, record));
    if (properties && keep) relationships.push({ from: rel.from, type: rel.type, key: rel.key, to: rel.to, properties });
  }

  if (problems.length > 0) {
    throw new AppError(ErrorCode.SEED_INVALID, `The graph plan cannot be written: ${problems.length} problem(s)`, {
      details: { problems },
      hint: 'This is a bug in the seed reader: it should have rejected these records.',
    });
  }
  return { nodes, relationships };
}

/** The labels a seed node of this primary label carries, among those the store manages. */
export function expectedLabels(label: NodeLabel): string[] {
  return [label, categoryOf(label), SEED_LABEL];
}

export function diffGraph(state: GraphState, plan: GraphPlan): GraphDiff {
  return diffWritable(state, assertPlanWritable(plan));
}

/** The plan in its stored form (from assertPlanWritable); `state` may hold only the part of the store it covers. */
export interface WritablePlan {
  nodes: NodeWrite[];
  relationships: RelationshipWrite[];
}

/** diffGraph for a plan already checked and converted: the loader diffs it batch by batch. */
export function diffWritable(state: GraphState, writable: WritablePlan): GraphDiff {
  const diff: GraphDiff = {
    createNodes: [],
    updateNodes: [],
    relabelNodes: [],
    deleteNodes: [],
    createRelationships: [],
    updateRelationships: [],
    deleteRelationships: [],
  };

  const storedNodes = new Map(state.nodes.map((node) => [node.id, node]));
  const plannedIds = new Set(writable.nodes.map((node) => node.id));
  for (const node of writable.nodes) {
    const stored = storedNodes.get(node.id);
    if (!stored) {
      diff.createNodes.push(node);
      continue;
    }
    const managed = stored.labels.filter((label) => MANAGED_LABELS.includes(label)).sort();
    if (JSON.stringify(managed) !== JSON.stringify(expectedLabels(node.label).sort())) {
      diff.relabelNodes.push({ elementId: stored.elementId, id: node.id, label: node.label });
    }
    if (comparableProperties(stored.properties) !== comparableProperties(node.properties)) {
      diff.updateNodes.push({ ...node, elementId: stored.elementId });
    }
  }
  for (const node of state.nodes) {
    if (plannedIds.has(node.id)) continue;
    const label = node.labels.find((name): name is NodeLabel => (NODE_LABELS as readonly string[]).includes(name));
    diff.deleteNodes.push({ elementId: node.elementId, id: node.id, label });
  }

  const storedRels = new Map(state.relationships.map((rel) => [relationshipIdentity(rel), rel]));
  const plannedRels = new Set(writable.relationships.map(relationshipIdentity));
  for (const rel of writable.relationships) {
    const stored = storedRels.get(relationshipIdentity(rel));
    if (!stored) diff.createRelationships.push(rel);
    else if (comparableProperties(stored.properties) !== comparableProperties(rel.properties)) {
      diff.updateRelationships.push({ ...rel, elementId: stored.elementId });
    }
  }
  for (const rel of state.relationships) {
    if (plannedRels.has(relationshipIdentity(rel))) continue;
    diff.deleteRelationships.push({ elementId: rel.elementId, from: rel.from, type: rel.type, key: rel.key, to: rel.to });
  }
  return diff;
}

export function isEmptyDiff(diff: GraphDiff): boolean {
  return Object.values(diff).every((list: unknown[]) => list.length === 0);
}
