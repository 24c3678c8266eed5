import neo4j, { type Node, type Path, type Relationship } from 'neo4j-driver';
import { isInternalName } from '../graph/internal-names.ts';

/**
 * A query result value without the store's bookkeeping (`_Seed`, `_seedKey`...) on the nodes,
 * relationships and paths inside it: what a researcher sees unless they ask for it. Values they
 * asked for by name (`labels(n)`, `n._seedKey`) are left as they are.
 */
export function hideInternal(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(hideInternal);
  if (neo4j.isNode(value)) return publicNode(value as Node);
  if (neo4j.isRelationship(value)) return publicRelationship(value as Relationship);
  if (neo4j.isPath(value)) {
    const path = value as Path;
    const segments = path.segments.map(
      (s) => new neo4j.types.PathSegment(publicNode(s.start), publicRelationship(s.relationship), publicNode(s.end)),
    );
    return new neo4j.types.Path(publicNode(path.start), publicNode(path.end), segments);
  }
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, hideInternal(inner)]));
  }
  return value;
}

function publicNode(node: Node): Node {
  return new neo4j.types.Node(node.identity, node.labels.filter((l) => !isInternalName(l)), publicProperties(node.properties), node.elementId);
}

function publicRelationship(rel: Relationship): Relationship {
  return new neo4j.types.Relationship(
    rel.identity,
    rel.start,
    rel.end,
    rel.type,
    publicProperties(rel.properties),
    rel.elementId,
    rel.startNodeElementId,
    rel.endNodeElementId,
  );
}

function publicProperties<T extends Record<string, unknown>>(properties: T): T {
  return Object.fromEntries(Object.entries(properties).filter(([key]) => !isInternalName(key))) as T;
}
