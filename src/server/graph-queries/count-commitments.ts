import type { DatabaseHandle } from '../../neo4j/database-handle.ts';
import { readRecords } from './read-records.ts';

/**
 * Cypher saying whether commitment `c` has a deadline: a date, or a deadline event. The same
 * statement backs `Commitment.hasDeadline` in schema.graphql (a test keeps the two equal).
 */
export const hasDeadlineCypher = (c: string) => `${c}.deadline IS NOT NULL OR EXISTS { (${c})-[:HAS_DEADLINE_EVENT]->(:Event) }`;

/**
 * What commitments can be grouped by: for each, Cypher giving commitment `c`'s groups as a list
 * of `{key, label}` maps (several when it has several parties, topics...). A new grouping is one
 * entry here and one value of the CommitmentGroup enum.
 */
export const COMMITMENT_GROUPS = {
  SECTION: `[{key: c.section, label: c.section}]`,
  MODALITY: `[{key: c.modality, label: c.modality}]`,
  PARTY: `COLLECT { MATCH (x:Country)-[:PARTY_TO]->(c) RETURN DISTINCT {key: x.id, label: x.name} AS g }`,
  TOPIC: `COLLECT { MATCH (c)-[:ON_TOPIC]->(x:Topic) RETURN DISTINCT {key: x.id, label: x.name} AS g }`,
  INSTRUMENT: `COLLECT { MATCH (c)-[:CONCERNS]->(x:Instrument) RETURN DISTINCT {key: x.id, label: x.name} AS g }`,
  ORGANISATION: `COLLECT { MATCH (c)-[:INVOLVES|CONCERNS]->(x:Organisation) RETURN DISTINCT {key: x.id, label: x.name} AS g }`,
  HAS_DEADLINE: `[{key: toString(${hasDeadlineCypher('c')}), label: toString(${hasDeadlineCypher('c')})}]`,
  NOVELTY: `[{key: c.novelty, label: c.novelty}]`,
} as const;
export type CommitmentGroup = keyof typeof COMMITMENT_GROUPS;

/** The bucket of a commitment that has no value for the grouping (no topic, say). */
export const NO_GROUP = '(none)';

export interface CountBucket {
  key: string;
  label: string;
  count: number;
}

export interface CommitmentCounts {
  by: CommitmentGroup;
  total: number;
  buckets: CountBucket[];
}

export interface CountOptions {
  /** Only these commitments (from the list query's `where`); all when null. */
  ids?: readonly string[] | null;
  /** Count a near-duplicate beside its original (by default the pair counts once). */
  countNearDuplicates?: boolean;
}

/**
 * Each selected commitment (`$ids`, or all when null) with each of its groups; near-duplicates of
 * another selected commitment left out unless `$countNearDuplicates`.
 */
export function countCommitmentsQuery(by: CommitmentGroup): string {
  return `MATCH (c:Commitment) WHERE $ids IS NULL OR c.id IN $ids
  WITH collect(c) AS selected
  UNWIND selected AS c
  WITH c, selected
  WHERE $countNearDuplicates OR NOT EXISTS { (c)-[:NEAR_DUPLICATE_OF]->(original:Commitment) WHERE original IN selected }
  WITH c, ${COMMITMENT_GROUPS[by]} AS groups
  UNWIND CASE size(groups) WHEN 0 THEN [{key: $none, label: $none}] ELSE groups END AS g
  RETURN c.id AS id, g.key AS key, g.label AS label`;
}

/**
 * Commitments counted per group, largest first. A near-duplicate (NEAR_DUPLICATE_OF a commitment
 * that is also counted) is left out unless countNearDuplicates: the statement made it once.
 */
export async function countCommitments(db: DatabaseHandle, by: CommitmentGroup, options: CountOptions = {}): Promise<CommitmentCounts> {
  const records = await readRecords(
    db,
    countCommitmentsQuery(by),
    { ids: options.ids ?? null, countNearDuplicates: options.countNearDuplicates ?? false, none: NO_GROUP },
  );
  const commitments = new Set<string>();
  const buckets = new Map<string, CountBucket>();
  for (const record of records) {
    commitments.add(record.get('id') as string);
    const key = String(record.get('key') ?? NO_GROUP);
    const bucket = buckets.get(key) ?? { key, label: String(record.get('label') ?? key), count: 0 };
    bucket.count += 1;
    buckets.set(key, bucket);
  }
  return {
    by,
    total: commitments.size,
    buckets: [...buckets.values()].sort((a, b) => b.count - a.count || a.key.localeCompare(b.key)),
  };
}
