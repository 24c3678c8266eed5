import type { Date as Neo4jDate } from 'neo4j-driver';
import type { NodeLabel } from '../../graph/graph-plan.ts';
import { findEntity } from '../graph-queries/find-entity.ts';
import { findNeighbourhood } from '../graph-queries/find-neighbourhood.ts';
import { findPath } from '../graph-queries/find-path.ts';
import { readFollowThrough, type FollowThroughSort } from '../graph-queries/read-follow-through.ts';
import { readInstrumentHistory, readInstrumentStatus, readStatusChanges } from '../graph-queries/read-instrument-status.ts';
import { isoArgument } from '../graph-queries/read-lifecycle.ts';
import type { DatabaseHandle } from '../../neo4j/database-handle.ts';
import { readTimeline } from '../graph-queries/read-timeline.ts';
import { searchGraph } from '../graph-queries/search-graph.ts';

interface SearchArgs {
  text: string;
  limit: number;
  types?: NodeLabel[] | null;
}

/** Resolvers for the analyst queries declared at the end of schema.graphql; AppErrors reach formatGraphqlError. */
export function createAnalystResolvers(db: DatabaseHandle) {
  return {
    Query: {
      search: (_root: unknown, args: SearchArgs) => searchGraph(db, args.text, { limit: args.limit, types: args.types }),
      entity: (_root: unknown, args: { id: string }) => findEntity(db, args.id),
      neighbourhood: (_root: unknown, args: { id: string; depth: number; limit: number }) =>
        findNeighbourhood(db, args.id, { depth: args.depth, limit: args.limit }),
      path: (_root: unknown, args: { from: string; to: string; maxLength: number }) => findPath(db, args.from, args.to, args.maxLength),
      timeline: (_root: unknown, args: { from?: Neo4jDate | null; to?: Neo4jDate | null }) =>
        readTimeline(db, { from: args.from?.toString() ?? null, to: args.to?.toString() ?? null }),
      instrumentStatus: (_root: unknown, args: { id: string; on?: Neo4jDate | null }) =>
        readInstrumentStatus(db, args.id, isoArgument('on', args.on)),
      instrumentHistory: (_root: unknown, args: { id: string }) => readInstrumentHistory(db, args.id),
      statusChanges: (_root: unknown, args: { from: Neo4jDate; to: Neo4jDate }) =>
        readStatusChanges(db, isoArgument('from', args.from)!, isoArgument('to', args.to)!),
      followThrough: (_root: unknown, args: { asOf?: Neo4jDate | null; sort: FollowThroughSort; descending: boolean }) =>
        readFollowThrough(db, { asOf: isoArgument('asOf', args.asOf), sort: args.sort, descending: args.descending }),
    },
  };
}
