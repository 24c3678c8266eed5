import type { GraphSchema, GraphSource, PropertyColumn } from './graph-source.ts';
import { describePropertyType } from '../values/property-types.ts';
import { toJsonProperties } from '../values/json-value.ts';
import type { TextSink } from '../io/sink.ts';

/**
 * Every property's Neo4j type, per label set and relationship type: JSON has no dates and does
 * not tell 1 from 1.0, so this is how a reader gets the types back.
 */
export function describeSchema(schema: GraphSchema): Record<string, unknown> {
  const types = (properties: PropertyColumn[]) =>
    Object.fromEntries(properties.map((p) => [p.name, p.type === 'mixed' ? 'mixed' : describePropertyType(p.type)]));
  return {
    nodeCount: schema.nodeCount,
    relationshipCount: schema.relationshipCount,
    nodeTypes: schema.nodeGroups.map((g) => ({ labels: g.labels, count: g.count, properties: types(g.properties) })),
    relationshipTypes: schema.relationshipGroups.map((g) => ({ type: g.type, count: g.count, properties: types(g.properties) })),
    constraints: schema.constraints,
    indexes: schema.indexes,
  };
}

/**
 * One JSON document: `{"meta": {...}, "nodes": [...], "relationships": [...]}`, one element per
 * line. Nodes are `{id, labels, properties}`, relationships `{type, start, end, properties}`
 * where start and end are node ids.
 */
export async function writeJson(source: GraphSource, sink: TextSink): Promise<void> {
  await sink.write(`{"meta":${JSON.stringify(describeSchema(source.schema))},\n"nodes":[`);
  let first = true;
  for await (const node of source.nodes()) {
    await sink.write(`${first ? '\n' : ',\n'}${JSON.stringify({ id: node.properties.id, labels: node.labels, properties: toJsonProperties(node.properties) })}`);
    first = false;
  }
  await sink.write('\n],\n"relationships":[');
  first = true;
  for await (const rel of source.relationships()) {
    await sink.write(
      `${first ? '\n' : ',\n'}${JSON.stringify({ type: rel.type, start: rel.start.id, end: rel.end.id, properties: toJsonProperties(rel.properties) })}`,
    );
    first = false;
  }
  await sink.write('\n]}\n');
}

/**
 * JSON Lines: one object per line, each with a `kind` to split on (`pandas.read_json(lines=True)`,
 * then `rows[rows.kind == "node"]`): a `meta` line, then nodes (`{"kind":"node","id","labels",
 * "properties"}`) and relationships (`{"kind":"relationship","type","start","end","properties"}`).
 */
export async function writeJsonLines(source: GraphSource, sink: TextSink): Promise<void> {
  await sink.write(`${JSON.stringify({ kind: 'meta', ...describeSchema(source.schema) })}\n`);
  for await (const node of source.nodes()) {
    await sink.write(`${JSON.stringify({ kind: 'node', id: node.properties.id, labels: node.labels, properties: toJsonProperties(node.properties) })}\n`);
  }
  for await (const rel of source.relationships()) {
    await sink.write(
      `${JSON.stringify({ kind: 'relationship', type: rel.type, start: rel.start.id, end: rel.end.id, properties: toJsonProperties(rel.properties) })}\n`,
    );
  }
}
