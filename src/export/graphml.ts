import { createCB } from 'xmlbuilder2';
import type { XMLBuilderCB } from 'xmlbuilder2/lib/interfaces.js';
import { type GraphSource, nodeLabel, nodeType, type PropertyColumn } from './graph-source.ts';
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
  /** The key's <desc>: the Neo4j type, when GraphML's own types say less (dates, lists). */
  description: string;
}

/** Between the elements of a list property in one GraphML value (GraphML has no lists). */
export const GRAPHML_LIST_DELIMITER = ';';

/**
 * GraphML 1.0 with typed keys (`attr.type` long, double, boolean, string), as Gephi, NetworkX's
 * `read_graphml` and igraph read it. Every node and edge has a `label` (what Gephi shows: a
 * node's name, an edge's relationship type) and a `type` (the node's label without `Entity` or
 * `Source`, the relationship type), nodes also `labels` (all, `;`-separated). The GraphML node id
 * is the node's `id` property as it is (`val-duchesse-ii-2018#p25`), so it joins with the
 * properties that point at nodes (`passageId`). Types GraphML lacks are strings: dates in ISO
 * 8601, lists with their elements joined by `;`; each key's <desc> names the Neo4j type.
 * Written through xmlbuilder2's streaming builder, element by element.
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

  const nodeKeys = buildKeys('n', NODE_KEYS, schema.nodeGroups.flatMap((g) => g.properties).filter((p) => p.name !== 'id'));
  const edgeKeys = buildKeys('e', EDGE_KEYS, schema.relationshipGroups.flatMap((g) => g.properties));

  xml.dec({ version: '1.0', encoding: 'UTF-8' });
  const root = xml.ele(GRAPHML_NS, 'graphml').att(XSI_NS, 'xsi:schemaLocation', SCHEMA_LOCATION);
  for (const [kind, keys] of [['node', nodeKeys], ['edge', edgeKeys]] as const) {
    for (const key of [...keys.reserved.values(), ...keys.byProperty.values()]) {
      root
        .ele('key')
        .att('id', key.id)
        .att('for', kind)
        .att('attr.name', key.name)
        .att('attr.type', key.type)
        .ele('desc')
        .txt(key.description)
        .up()
        .up();
    }
  }
  const graph = root.ele('graph').att('id', 'G').att('edgedefault', 'directed');
  await drain();

  const data = (element: XMLBuilderCB, key: Key | undefined, text: string) => {
    if (key) element.ele('data').att('key', key.id).txt(xmlSafe(text)).up();
  };
  for await (const node of source.nodes()) {
    const element = graph.ele('node').att('id', xmlSafe(String(node.properties.id)));
    data(element, nodeKeys.reserved.get('label'), nodeLabel(node.properties));
    data(element, nodeKeys.reserved.get('type'), nodeType(node.labels));
    data(element, nodeKeys.reserved.get('labels'), node.labels.join(GRAPHML_LIST_DELIMITER));
    for (const name of Object.keys(node.properties).sort()) {
      const key = nodeKeys.byProperty.get(name);
      if (key) data(element, key, dataText(node.properties[name], key.type));
    }
    element.up();
    await drain();
  }
  let edgeNumber = 0;
  for await (const rel of source.relationships()) {
    const element = graph
      .ele('edge')
      .att('id', `e${edgeNumber++}`)
      .att('source', xmlSafe(rel.start.id))
      .att('target', xmlSafe(rel.end.id));
    data(element, edgeKeys.reserved.get('label'), rel.type);
    data(element, edgeKeys.reserved.get('type'), rel.type);
    for (const name of Object.keys(rel.properties).sort()) {
      const key = edgeKeys.byProperty.get(name);
      if (key) data(element, key, dataText(rel.properties[name], key.type));
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

/** The attributes every node and every edge carries, beside its properties. */
const NODE_KEYS: Record<string, string> = {
  label: 'What to show: the name, else the title, else the id',
  type: 'The node label without Entity or Source (Country, Commitment...)',
  labels: `Every node label, joined by ${GRAPHML_LIST_DELIMITER}`,
};
const EDGE_KEYS: Record<string, string> = {
  label: 'What to show: the relationship type',
  type: 'The relationship type',
};

function buildKeys(prefix: string, reservedKeys: Record<string, string>, properties: PropertyColumn[]): { reserved: Map<string, Key>; byProperty: Map<string, Key> } {
  const reserved = new Map<string, Key>(
    Object.entries(reservedKeys).map(([name, description]) => [name, { id: `${prefix}_${name}`, name, type: 'string', description }]),
  );
  const types = new Map<string, (PropertyType | 'mixed')[]>();
  for (const p of properties) types.set(p.name, [...(types.get(p.name) ?? []), p.type]);
  const byProperty = new Map<string, Key>();
  let n = 0;
  for (const name of [...types.keys()].sort()) {
    const seen = types.get(name) ?? [];
    const single = seen.every((t): t is PropertyType => t !== 'mixed') ? mergePropertyTypes(seen) : undefined;
    const described = [...new Set(seen.map((t) => (t === 'mixed' ? 'mixed' : describePropertyType(t))))].join(' | ');
    const neo4jType = single ? describePropertyType({ scalar: single.scalar ?? 'string', list: single.list }) : described;
    byProperty.set(name, {
      id: `${prefix}${n++}`,
      // a property called like a reserved key keeps its data under a distinct attribute name
      name: reserved.has(name) ? `property.${name}` : name,
      type: single ? graphmlType(single) : 'string',
      description: `Neo4j type: ${neo4jType}${single?.list ? `, elements joined by ${GRAPHML_LIST_DELIMITER}` : ''}`,
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
      if (Array.isArray(value)) return value.map(elementText).join(GRAPHML_LIST_DELIMITER);
      return elementText(value);
    default:
      return assertNever(type);
  }
}

function elementText(value: unknown): string {
  if (typeof value === 'string') return value;
  const json = toJsonValue(value);
  return typeof json === 'object' && json !== null ? JSON.stringify(json) : String(json);
}

/** XML 1.0 cannot carry most control characters at all, escaped or not: they become U+FFFD. */
function xmlSafe(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD');
}

function assertNever(value: never): never {
  throw new Error(`unexpected type ${String(value)}`);
}
