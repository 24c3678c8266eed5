/**
 * Which labels each relationship type may join, and which link types a seed file may write:
 * the relationship table of docs/graph-model.md in code.
 */
import type { NodeLabel, RelationshipType } from '../graph/graph-plan.ts';

export interface EndpointRule {
  from: readonly NodeLabel[];
  to: readonly NodeLabel[];
  /** The organisation kinds the target must have (HOLDS_OFFICE: offices; MEMBER_OF: bodies with members). */
  toKinds?: readonly string[];
}


export const ENDPOINT_RULES: Record<RelationshipType, EndpointRule> = {
  PART_OF: { from: ['Passage'], to: ['Document'] },
  MENTIONED_IN: {
    from: ['Country', 'Place', 'Person', 'Organisation', 'Instrument', 'Event', 'Commitment', 'Topic'],
    to: ['Passage'],
  },
  EXTERNAL_SOURCE: {
    from: ['Document', 'Country', 'Place', 'Person', 'Organisation', 'Instrument', 'Event', 'Commitment', 'Topic', 'Disagreement'],
    to: ['Reference'],
  },
  HOLDS_OFFICE: { from: ['Person'], to: ['Organisation'], toKinds: ['GOVERNMENT', 'MINISTRY'] },
  BELONGS_TO: { from: ['Organisation'], to: ['Country', 'Organisation'] },
  LOCATED_IN: { from: ['Place', 'Organisation'], to: ['Place', 'Country'] },
  ATTENDED: { from: ['Person'], to: ['Event'] },
  PARTY_TO: { from: ['Country'], to: ['Commitment'] },
  INVOLVES: { from: ['Commitment'], to: ['Organisation', 'Country', 'Person', 'Place'] },
  CONCERNS: { from: ['Commitment', 'Event', 'Disagreement'], to: ['Instrument', 'Organisation', 'Country', 'Place', 'Person'] },
  ON_TOPIC: { from: ['Commitment'], to: ['Topic'] },
  HAS_DEADLINE_EVENT: { from: ['Commitment'], to: ['Event'] },
  BUILDS_ON: { from: ['Commitment', 'Instrument', 'Event'], to: ['Instrument', 'Event'] },
  NEAR_DUPLICATE_OF: { from: ['Commitment'], to: ['Commitment'] },
  RECORDS: { from: ['Document'], to: ['Event'] },
  OCCURRED_IN: { from: ['Event'], to: ['Place', 'Country'] },
  MEMBER_OF: { from: ['Organisation', 'Country'], to: ['Organisation'], toKinds: ['COUNCIL', 'WORKING_GROUP', 'COOPERATION_CENTRE', 'INTERNATIONAL'] },
  WORKS_WITH: { from: ['Organisation'], to: ['Organisation'] },
  REFORMS: { from: ['Instrument'], to: ['Organisation'] },
  PROPOSED_BY: { from: ['Instrument'], to: ['Organisation'] },
  FOLLOWS_UP: { from: ['Commitment'], to: ['Event'] },
  RECALLS: { from: ['Commitment'], to: ['Instrument', 'Event'] },
  STEP_OF: { from: ['Event'], to: ['Instrument'] },
  SUCCEEDED_BY: { from: ['Instrument'], to: ['Instrument'] },
  DISPUTES: { from: ['Disagreement'], to: ['Event'] },
  COMPARED_WITH: { from: ['Disagreement'], to: ['Event'] },
  SERIES_MEETING: { from: ['Document'], to: ['Event'] },
};

/** A reason why `from -[type]-> to` breaks the table, or undefined when it fits. */
export function checkEndpoints(
  type: RelationshipType,
  from: { id: string; label: NodeLabel },
  to: { id: string; label: NodeLabel; kind?: string | undefined },
): string | undefined {
  const rule = ENDPOINT_RULES[type];
  if (!rule.from.includes(from.label)) {
    return `${type} must start from ${rule.from.join(' or ')}, but ${from.id} is a ${from.label}`;
  }
  if (!rule.to.includes(to.label)) {
    return `${type} must end at ${rule.to.join(' or ')}, but ${to.id} is a ${to.label}`;
  }
  if (rule.toKinds !== undefined && !rule.toKinds.includes(to.kind ?? '')) {
    return `${type} must end at an Organisation of kind ${rule.toKinds.join(' or ')}, but ${to.id} has kind ${to.kind ?? '(none)'}`;
  }
  return undefined;
}
