import { canonicalEnd, canonicalNode, canonicalRelationship, combineDigests, MultisetHash, type ChecksumOptions } from '../graph/checksum.ts';
import { hasPublicLabelCypher } from '../graph/internal-names.ts';
import { streamRows, type DatabaseHandle } from '../neo4j/database-handle.ts';
import { mapDriverError } from '../neo4j/map-driver-error.ts';

/** The checksum of a stored graph (see graph/checksum.ts for what it covers), with its counts. */
export interface GraphChecksum {
  checksum: string;
  nodes: number;
  relationships: number;
  nodeDigest: string;
  relationshipDigest: string;
}

const isCounted = (variable: string, options: ChecksumOptions) =>
  options.includeInternal ? 'true' : hasPublicLabelCypher(variable);

/**
 * Computes the checksum of the whole graph in `database`. Streams both sides and folds each
 * element's SHA-256 into a sum modulo 2^256 (a multiset hash), so memory stays flat and no sorting
 * is needed.
 */
export async function computeGraphChecksum(db: DatabaseHandle, options: ChecksumOptions = {}): Promise<GraphChecksum> {
  const nodes = new MultisetHash();
  const relationships = new MultisetHash();
  const fetchSize = 5000;
  try {
    for await (const record of streamRows(db, `MATCH (x) WHERE ${isCounted('x', options)} RETURN labels(x) AS labels, properties(x) AS properties`, {}, { fetchSize })) {
      nodes.add(canonicalNode(record.get('labels'), record.get('properties'), options));
    }
    const relQuery = `MATCH (a)-[r]->(b) WHERE ${isCounted('a', options)} AND ${isCounted('b', options)}
                      RETURN labels(a) AS aLabels, a.id AS aId, type(r) AS type, properties(r) AS properties, labels(b) AS bLabels, b.id AS bId`;
    for await (const record of streamRows(db, relQuery, {}, { fetchSize })) {
      relationships.add(
        canonicalRelationship(
          record.get('type'),
          canonicalEnd(record.get('aLabels'), record.get('aId'), options),
          canonicalEnd(record.get('bLabels'), record.get('bId'), options),
          record.get('properties'),
          options,
        ),
      );
    }
  } catch (error) {
    throw mapDriverError(error, 'Computing the graph checksum');
  }
  return {
    checksum: combineDigests(nodes, relationships),
    nodes: nodes.count,
    relationships: relationships.count,
    nodeDigest: nodes.digest(),
    relationshipDigest: relationships.digest(),
  };
}
