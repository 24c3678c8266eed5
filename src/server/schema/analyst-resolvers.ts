import type { Date as Neo4jDate } from 'neo4j-driver';
import type { NodeLabel } from '../../graph/graph-plan.ts';
import { findEntity } from '../graph-queries/find-entity.ts';
import { findNeighbourhood } from '../graph-queries/find-neighbourhood.ts';
import { findPath } from '../graph-queries/find-path.ts';
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
    },
  };
}
