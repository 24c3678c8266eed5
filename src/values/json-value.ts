import neo4j from 'neo4j-driver';
import { floatToText, integerToText, pointParts, scalarTypeOf } from './property-types.ts';

/**
 * A driver value as plain JSON: Integer as a number (as a string beyond 2^53, where a JSON
 * number would be rounded by most readers), temporal values as ISO strings, points as
 * `{srid, x, y[, z]}`, NaN and infinities as strings. Graph values (nodes, paths) for query
 * results are maps with their labels or type.
 */
export function toJsonValue(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(toJsonValue);
  const type = scalarTypeOf(value);
  switch (type) {
    case 'string':
    case 'boolean':
      return value;
    case 'integer': {
      const text = integerToText(value);
      const number = Number(text);
      return Number.isSafeInteger(number) ? number : text;
    }
    case 'float': {
      const number = value as number;
      return Number.isFinite(number) ? number : floatToText(number);
    }
    case 'point':
      return pointParts(value);
    case undefined:
      break;
    default:
      return String(value);
  }
  if (neo4j.isNode(value)) {
    const node = value as import('neo4j-driver').Node;
    return { elementId: node.elementId, labels: node.labels, properties: toJsonValue(node.properties) };
  }
  if (neo4j.isRelationship(value)) {
    const rel = value as import('neo4j-driver').Relationship;
    return {
      elementId: rel.elementId,
      type: rel.type,
      startElementId: rel.startNodeElementId,
      endElementId: rel.endNodeElementId,
      properties: toJsonValue(rel.properties),
    };
  }
  if (neo4j.isPath(value)) {
    const path = value as import('neo4j-driver').Path;
    return {
      start: toJsonValue(path.start),
      segments: path.segments.map((s) => ({ relationship: toJsonValue(s.relationship), end: toJsonValue(s.end) })),
    };
  }
  if (value instanceof Int8Array || value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, inner] of Object.entries(value as Record<string, unknown>)) out[key] = toJsonValue(inner);
    return out;
  }
  return String(value);
}

export function toJsonProperties(properties: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(properties).sort()) out[key] = toJsonValue(properties[key]);
  return out;
}
