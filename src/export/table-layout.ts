import type { ExportNode, ExportRelationship, GraphSchema, PropertyColumn } from './graph-source.ts';
import { nodeLabel, nodeType } from './graph-source.ts';
import { mergePropertyTypes, type PropertyType } from '../values/property-types.ts';

/** Between the elements of a list property in one table cell, as in the GraphML export. */
export const TABLE_LIST_DELIMITER = ';';

/**
 * One column of the plain tables: a fixed one (`id`, `type`, `source`...) or a property, with the
 * one type its values share across labels (or relationship types); `undefined` when they differ,
 * and the column then holds text.
 */
export interface TableColumn {
  name: string;
  type: PropertyType | undefined;
  value(row: ExportNode | ExportRelationship): unknown;
}

export interface TableLayout {
  nodes: TableColumn[];
  edges: TableColumn[];
}

const text: PropertyType = { scalar: 'string', list: false };
const textList: PropertyType = { scalar: 'string', list: true };

const NODE_COLUMNS: TableColumn[] = [
  { name: 'id', type: text, value: (n) => (n as ExportNode).properties.id },
  { name: 'type', type: text, value: (n) => nodeType((n as ExportNode).labels) },
  { name: 'label', type: text, value: (n) => nodeLabel((n as ExportNode).properties) },
  { name: 'labels', type: textList, value: (n) => (n as ExportNode).labels },
];
const EDGE_COLUMNS: TableColumn[] = [
  { name: 'source', type: text, value: (r) => (r as ExportRelationship).start.id },
  { name: 'target', type: text, value: (r) => (r as ExportRelationship).end.id },
  { name: 'type', type: text, value: (r) => (r as ExportRelationship).type },
];

/**
 * The columns of the nodes and edges tables: the fixed ones first, then every property, sorted,
 * under its own name (`modality`, `date`), so pandas, polars, DuckDB and R read them as they are.
 * A property named like a fixed column is written as `property_<name>`.
 */
export function tableLayout(schema: GraphSchema): TableLayout {
  return {
    nodes: [...NODE_COLUMNS, ...propertyColumns(schema.nodeGroups.flatMap((g) => g.properties), NODE_COLUMNS, ['id'])],
    edges: [...EDGE_COLUMNS, ...propertyColumns(schema.relationshipGroups.flatMap((g) => g.properties), EDGE_COLUMNS, [])],
  };
}

function propertyColumns(properties: PropertyColumn[], fixed: TableColumn[], skip: string[]): TableColumn[] {
  const types = new Map<string, (PropertyType | 'mixed')[]>();
  for (const p of properties) if (!skip.includes(p.name)) types.set(p.name, [...(types.get(p.name) ?? []), p.type]);
  const taken = new Set(fixed.map((c) => c.name));
  return [...types.keys()].sort().map((name) => {
    const seen = types.get(name) ?? [];
    const type = seen.every((t): t is PropertyType => t !== 'mixed') ? mergePropertyTypes(seen) : undefined;
    return {
      name: taken.has(name) ? `property_${name}` : name,
      type: type && type.scalar === undefined ? textList : type,
      value: (row: ExportNode | ExportRelationship) => row.properties[name],
    };
  });
}
