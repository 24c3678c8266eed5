import { STRUCTURAL_TYPES } from '../../graph/graph-plan.ts';
import type { NodeLabel, RelationshipType } from '../../graph/graph-plan.ts';
import { PROVENANCE_KEYS, PROVENANCE_SOURCES, toFactProvenance, type FactProvenance, type ProvenanceSources } from './fact-provenance.ts';
import { propertyProvenance, type NodeMention, type NodeReference } from './property-provenance.ts';
import {
  type GraphNode,
  NODE_PROJECTION,
  matchNodeById,
  primaryLabel,
  propertyEntries,
  readRecords,
  toGraphNode,
  toPlain,
} from './read-records.ts';
import type { DatabaseHandle } from '../../neo4j/database-handle.ts';
import { assertNonEmpty, notFound } from './validate-arguments.ts';

export interface PropertyValue {
  key: string;
  value: string;
  provenance?: FactProvenance | null;
}

export interface MentionProvenance extends NodeMention {
  basis: 'TEXT';
}

export type ExternalReference = NodeReference;

export interface EntityLink {
  type: RelationshipType;
  direction: 'OUT' | 'IN';
  other: GraphNode;
  provenance: FactProvenance;
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
  WITH n, m, p, d ORDER BY d.id, p.order, m.quoteStart, m.quote
  WITH n, collect(CASE WHEN p IS NULL THEN null ELSE {
    quote: m.quote, quoteStart: m.quoteStart, quoteEnd: m.quoteEnd,
    passage: {id: p.id, section: p.section, order: p.order, text: p.text},
    document: CASE WHEN d IS NULL THEN null ELSE {id: d.id, title: d.title} END
  } END) AS mentions
  OPTIONAL MATCH (n)-[e:EXTERNAL_SOURCE]->(r:Reference)
  WITH n, mentions, r, e ORDER BY r.id, coalesce(e.quote, ''), coalesce(e.fields, [])
  WITH n, mentions, collect(CASE WHEN r IS NULL THEN null ELSE {id: r.id, title: r.title, url: r.url, fields: coalesce(e.fields, [])} END) AS references
  OPTIONAL MATCH (n)-[rel]-(other)
  WHERE NOT type(rel) IN $structural AND other.id IS NOT NULL
  WITH n, mentions, references, rel, other
  ORDER BY type(rel), other.id, coalesce(rel.referenceId, ''), coalesce(rel.passageId, ''), coalesce(rel.quote, '')
  WITH n, mentions, references, collect(CASE WHEN rel IS NULL THEN null ELSE {
    type: type(rel), outgoing: startNode(rel) = n, other: ${NODE_PROJECTION('other')}, properties: properties(rel),
    ${PROVENANCE_SOURCES('rel')}
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
  type RawLink = { type: RelationshipType; outgoing: boolean; other: unknown; properties: Record<string, unknown> } & ProvenanceSources;
  const links = (toPlain(record.get('links')) as RawLink[]).map(
    (link): EntityLink => ({
      type: link.type,
      direction: link.outgoing ? 'OUT' : 'IN',
      other: toGraphNode(link.other),
      provenance: toFactProvenance(link.properties, link),
      properties: propertyEntries(link.properties, PROVENANCE_KEYS),
    }),
  );
  const type = primaryLabel(record.get('labels') as string[]);
  const mentions = (toPlain(record.get('mentions')) as Omit<MentionProvenance, 'basis'>[]).map((mention): MentionProvenance => ({ basis: 'TEXT', ...mention }));
  const references = record.get('references') as ExternalReference[];
  return {
    id: plain.id as string,
    type,
    name: (plain.name ?? plain.title ?? plain.id) as string,
    aliases: Array.isArray(plain.aliases) ? (plain.aliases as string[]) : [],
    description: typeof plain.description === 'string' ? plain.description : null,
    properties: propertyEntries(properties, OWN_FIELDS).map((property) => ({
      ...property,
      provenance: propertyProvenance(type, property.key, plain, mentions, references),
    })),
    mentions,
    externalReferences: references,
    links,
  };
}
