import { STRUCTURAL_TYPES } from '../../graph/graph-plan.ts';
import type { NodeLabel, RelationshipType } from '../../graph/graph-plan.ts';
import {
  type EdgeProvenance,
  type GraphNode,
  NODE_PROJECTION,
  PROVENANCE_KEYS,
  matchNodeById,
  primaryLabel,
  propertyEntries,
  readRecords,
  toGraphNode,
  toPlain,
  toProvenance,
} from './read-records.ts';
import type { DatabaseHandle } from '../../neo4j/database-handle.ts';
import { assertNonEmpty, notFound } from './validate-arguments.ts';

export interface PropertyValue {
  key: string;
  value: string;
}

export interface MentionProvenance {
  quote: string;
  passage: { id: string; section: string | null; order: number | null; text: string | null };
  document: { id: string; title: string | null } | null;
}

export interface ExternalReference {
  id: string;
  title: string | null;
  url: string | null;
  fields: string[];
}

export interface EntityLink {
  type: RelationshipType;
  direction: 'OUT' | 'IN';
  other: GraphNode;
  provenance: EdgeProvenance;
  properties: PropertyValue[];
}

export interface EntityDetail {
  id: string;
  type: NodeLabel;
  name: string;
  aliases: string[];
  description: string | null;
  properties: PropertyValue[];
  mentions: MentionProvenance[];
  externalReferences: ExternalReference[];
  links: EntityLink[];
}

const OWN_FIELDS = ['id', 'name', 'aliases', 'description'];

/** The node `$id` with its mentions, external references and fact links. */
export const ENTITY_QUERY = `${matchNodeById('n', 'id')}
  OPTIONAL MATCH (n)-[m:MENTIONED_IN]->(p:Passage)
  OPTIONAL MATCH (p)-[:PART_OF]->(d:Document)
  WITH n, m, p, d ORDER BY d.id, p.order
  WITH n, collect(CASE WHEN p IS NULL THEN null ELSE {
    quote: m.quote,
    passage: {id: p.id, section: p.section, order: p.order, text: p.text},
    document: CASE WHEN d IS NULL THEN null ELSE {id: d.id, title: d.title} END
  } END) AS mentions
  OPTIONAL MATCH (n)-[e:EXTERNAL_SOURCE]->(r:Reference)
  WITH n, mentions, r, e ORDER BY r.id
  WITH n, mentions, collect(CASE WHEN r IS NULL THEN null ELSE {id: r.id, title: r.title, url: r.url, fields: coalesce(e.fields, [])} END) AS references
  OPTIONAL MATCH (n)-[rel]-(other)
  WHERE NOT type(rel) IN $structural AND other.id IS NOT NULL
  WITH n, mentions, references, rel, other ORDER BY type(rel), other.id
  WITH n, mentions, references, collect(CASE WHEN rel IS NULL THEN null ELSE {
    type: type(rel), outgoing: startNode(rel) = n, other: ${NODE_PROJECTION('other')}, properties: properties(rel)
  } END) AS links
  RETURN labels(n) AS labels, properties(n) AS properties, mentions, references, links`;

/** Any node by id with its mentions (passage, quote, document), references and fact links; NOT_FOUND when absent. */
export async function findEntity(db: DatabaseHandle, id: string): Promise<EntityDetail> {
  const wanted = assertNonEmpty('id', id);
  const records = await readRecords(
    db,
    ENTITY_QUERY,
    { id: wanted, structural: STRUCTURAL_TYPES },
  );
  const record = records[0];
  if (record === undefined) throw notFound('node', wanted, 'id');
  const properties = record.get('properties') as Record<string, unknown>;
  const plain = toPlain(properties) as Record<string, unknown>;
  const links = (record.get('links') as { type: RelationshipType; outgoing: boolean; other: unknown; properties: Record<string, unknown> }[]).map(
    (link): EntityLink => ({
      type: link.type,
      direction: link.outgoing ? 'OUT' : 'IN',
      other: toGraphNode(link.other),
      provenance: toProvenance(link.properties),
      properties: propertyEntries(link.properties, PROVENANCE_KEYS),
    }),
  );
  return {
    id: plain.id as string,
    type: primaryLabel(record.get('labels') as string[]),
    name: (plain.name ?? plain.title ?? plain.id) as string,
    aliases: Array.isArray(plain.aliases) ? (plain.aliases as string[]) : [],
    description: typeof plain.description === 'string' ? plain.description : null,
    properties: propertyEntries(properties, OWN_FIELDS),
    mentions: toPlain(record.get('mentions')) as MentionProvenance[],
    externalReferences: record.get('references') as ExternalReference[],
    links,
  };
}
