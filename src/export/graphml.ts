import { createCB } from 'xmlbuilder2';
import type { GraphSource, PropertyColumn } from './graph-source.ts';
import { describePropertyType, floatToText, integerToText, mergePropertyTypes, type PropertyType } from '../values/property-types.ts';
import { toJsonValue } from '../values/json-value.ts';
import type { TextSink } from '../io/sink.ts';

const GRAPHML_NS = 'http://graphml.graphdrawing.org/xmlns';
const XSI_NS = 'http://www.w3.org/2001/XMLSchema-instance';
const SCHEMA_LOCATION = `${GRAPHML_NS} http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd`;

type GraphmlType = 'boolean' | 'long' | 'double' | 'string';

interface Key {
  id: string;
  name: string;
  type: GraphmlType;
  /** The Neo4j type, in the key's <desc>, when GraphML's own types say less (dates, lists). */
  neo4jType: string;
}

/**
 * GraphML 1.0 with typed keys (`attr.type` long, double, boolean, string), as NetworkX's
 * `read_graphml` and Gephi read it. Node ids are the `id` property (characters that an XML
 * NMTOKEN cannot hold are written `_xHHHH_`; the `id` data key keeps the original); labels go
 * in a `labels` key (`:Country:Entity`), relationship types in a `type` key. Types GraphML
 * lacks are strings: dates in ISO 8601, lists as JSON arrays; each key's <desc> names the
 * Neo4j type. Written through xmlbuilder2's streaming builder, element by element.
 */
export async function writeGraphml(source: GraphSource, sink: TextSink): Promise<void> {
  const { schema } = source;
  const chunks: string[] = [];
  const xml = createCB({ data: (chunk: string) => void chunks.push(chunk), prettyPrint: true, wellFormed: true });
  const drain = async () => {
    if (chunks.length === 0) return;
    const text = chunks.join('');
    chunks.length = 0;
    await sink.write(text);
  };

  const nodeKeys = buildKeys('n', 'labels', schema.nodeGroups.flatMap((g) => g.properties));
  const edgeKeys = buildKeys('e', 'type', schema.relationshipGroups.flatMap((g) => g.properties));

  xml.dec({ version: '1.0', encoding: 'UTF-8' });
  const root = xml.ele(GRAPHML_NS, 'graphml').att(XSI_NS, 'xsi:schemaLocation', SCHEMA_LOCATION);
  for (const [kind, keys] of [['node', nodeKeys], ['edge', edgeKeys]] as const) {
    for (const key of [keys.reserved, ...keys.byProperty.values()]) {
      root
        .ele('key')
        .att('id', key.id)
        .att('for', kind)
        .att('attr.name', key.name)
        .att('attr.type', key.type)
        .ele('desc')
        .txt(`Neo4j type: ${key.neo4jType}`)
        .up()
        .up();
    }
  }
  const graph = root.ele('graph').att('id', 'G').att('edgedefault', 'directed');
  await drain();

  for await (const node of source.nodes()) {
    const element = graph.ele('node').att('id', graphmlId(String(node.properties.id)));
    element.ele('data').att('key', nodeKeys.reserved.id).txt(`:${node.labels.join(':')}`).up();
    for (const name of Object.keys(node.properties).sort()) {
      const key = nodeKeys.byProperty.get(name);
      if (key) element.ele('data').att('key', key.id).txt(xmlSafe(dataText(node.properties[name], key.type))).up();
    }
    element.up();
    await drain();
  }
  let edgeNumber = 0;
  for await (const rel of source.relationships()) {
    const element = graph
      .ele('edge')
      .att('id', `e${edgeNumber++}`)
      .att('source', graphmlId(rel.start.id))
      .att('target', graphmlId(rel.end.id));
    element.ele('data').att('key', edgeKeys.reserved.id).txt(rel.type).up();
    for (const name of Object.keys(rel.properties).sort()) {
      const key = edgeKeys.byProperty.get(name);
      if (key) element.ele('data').att('key', key.id).txt(xmlSafe(dataText(rel.properties[name], key.type))).up();
    }
    element.up();
    await drain();
  }
  graph.up();
  root.up();
  xml.end();
  await drain();
  await sink.write('\n');
}

function buildKeys(prefix: string, reservedName: string, properties: PropertyColumn[]): { reserved: Key; byProperty: Map<string, Key> } {
  const reserved: Key = { id: `${prefix}_${reservedName}`, name: reservedName, type: 'string', neo4jType: reservedName === 'labels' ? 'node labels' : 'relationship type' };
  const types = new Map<string, (PropertyType | 'mixed')[]>();
  for (const p of properties) types.set(p.name, [...(types.get(p.name) ?? []), p.type]);
  const byProperty = new Map<string, Key>();
  let n = 0;
  for (const name of [...types.keys()].sort()) {
    const seen = types.get(name) ?? [];
    const single = seen.every((t): t is PropertyType => t !== 'mixed') ? mergePropertyTypes(seen) : undefined;
    const described = [...new Set(seen.map((t) => (t === 'mixed' ? 'mixed' : describePropertyType(t))))].join(' | ');
    byProperty.set(name, {
      id: `${prefix}${n++}`,
      // a property called like the reserved key keeps its data under a distinct attribute name
      name: name === reservedName ? `property.${name}` : name,
      type: single ? graphmlType(single) : 'string',
      neo4jType: single ? describePropertyType({ scalar: single.scalar ?? 'string', list: single.list }) : described,
    });
  }
  return { reserved, byProperty };
}

function graphmlType(type: PropertyType): GraphmlType {
  if (type.list) return 'string';
  switch (type.scalar) {
    case 'integer':
      return 'long';
    case 'float':
      return 'double';
    case 'boolean':
      return 'boolean';
    default:
      return 'string';
  }
}

function dataText(value: unknown, type: GraphmlType): string {
  switch (type) {
    case 'long':
      return integerToText(value);
    case 'double':
      return floatToText(value as number).replace('Infinity', 'INF');
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      if (typeof value === 'string') return value;
      if (Array.isArray(value) || (typeof value === 'object' && value !== null && 'srid' in value)) return JSON.stringify(toJsonValue(value));
      return String(toJsonValue(value));
    default:
      return assertNever(type);
  }
}

/** An `id` as an XML NMTOKEN: anything but ASCII letters, digits, `.` and `-` becomes `_xHHHH_`. */
export function graphmlId(id: string): string {
  let out = '';
  for (const char of id) {
    out += /[A-Za-z0-9.-]/.test(char) ? char : `_x${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}_`;
  }
  return out === '' ? '_x_' : out;
}

/** XML 1.0 cannot carry most control characters at all, escaped or not: they become U+FFFD. */
function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function assertNever(value: never): never {
  throw new Error(`unexpected type ${String(value)}`);
}
