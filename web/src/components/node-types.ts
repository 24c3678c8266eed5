import type { NodeType } from '../api/generated.ts';

export interface NodeTypeStyle {
  label: string;
  plural: string;
  /** Fill on the canvas and badges; each has at least 4.5:1 contrast with white text. */
  color: string;
  /** Canvas shape, so types differ by more than colour. */
  shape: 'ellipse' | 'round-rectangle' | 'diamond' | 'hexagon' | 'triangle' | 'star' | 'vee' | 'rhomboid' | 'octagon' | 'tag' | 'barrel' | 'pentagon';
}

export const NODE_TYPES: Record<NodeType, NodeTypeStyle> = {
  Country: { label: 'Country', plural: 'Countries', color: '#1d4ed8', shape: 'ellipse' },
  Person: { label: 'Person', plural: 'People', color: '#9d174d', shape: 'round-rectangle' },
  Organisation: { label: 'Organisation', plural: 'Organisations', color: '#047857', shape: 'hexagon' },
  Instrument: { label: 'Instrument', plural: 'Instruments', color: '#6d28d9', shape: 'diamond' },
  Event: { label: 'Event', plural: 'Events', color: '#b45309', shape: 'triangle' },
  Commitment: { label: 'Commitment', plural: 'Commitments', color: '#b91c1c', shape: 'tag' },
  Topic: { label: 'Topic', plural: 'Topics', color: '#0f766e', shape: 'octagon' },
  Place: { label: 'Place', plural: 'Places', color: '#4d7c0f', shape: 'vee' },
  Document: { label: 'Document', plural: 'Documents', color: '#334155', shape: 'rhomboid' },
  Reference: { label: 'Reference', plural: 'References', color: '#57534e', shape: 'barrel' },
  Passage: { label: 'Passage', plural: 'Passages', color: '#475569', shape: 'star' },
  Disagreement: { label: 'Disagreement', plural: 'Disagreements', color: '#a21caf', shape: 'pentagon' },
};

export const NODE_TYPE_ORDER = Object.keys(NODE_TYPES) as NodeType[];

/** How a node type the bundle does not know is drawn: grey, a plain circle, its own name as label. */
export const UNKNOWN_TYPE_STYLE: Omit<NodeTypeStyle, 'label' | 'plural'> = { color: '#374151', shape: 'ellipse' };

/**
 * The style of a node type, with a neutral fallback for a type this bundle was built without: a
 * server newer than the page (a stale bundle in a browser cache) may send types the page has
 * never heard of, and one unknown node must not blank the whole view.
 */
export function nodeTypeStyle(type: string): NodeTypeStyle {
  return Object.hasOwn(NODE_TYPES, type) ? NODE_TYPES[type as NodeType] : { ...UNKNOWN_TYPE_STYLE, label: type || 'Unknown', plural: type || 'Unknown' };
}

/** Where a node opens: documents in the reader, anything else on its entity page. */
export function nodeHref(type: NodeType, id: string): string {
  if (type === 'Document') return `/document/${encodeURIComponent(id)}`;
  if (type === 'Passage') return passageHref(id);
  return entityHref(id);
}

/** A node's entity page. */
export function entityHref(id: string): string {
  return `/entity/${encodeURIComponent(id)}`;
}

/** A passage's place in the reader; passage ids are `<documentId>#pNN`. */
export function passageHref(passageId: string, documentId?: string | null): string {
  const doc = documentId ?? passageId.split('#')[0] ?? passageId;
  return `/document/${encodeURIComponent(doc)}#${encodeURIComponent(passageId)}`;
}
