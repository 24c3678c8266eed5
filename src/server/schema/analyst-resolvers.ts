import type { Date as Neo4jDate } from 'neo4j-driver';
import type { NodeLabel } from '../../graph/graph-plan.ts';
import { findEntity } from '../graph-queries/find-entity.ts';
import { findNeighbourhood } from '../graph-queries/find-neighbourhood.ts';
import { findPath } from '../graph-queries/find-path.ts';
import type { GraphSource } from '../graph-queries/read-graph.ts';
import { readTimeline } from '../graph-queries/read-timeline.ts';
import { searchGraph } from '../graph-queries/search-graph.ts';

interface SearchArgs {
  text: string;
  limit: number;
  types?: NodeLabel[] | null;
}

/** Resolvers for the analyst queries declared at the end of schema.graphql; AppErrors reach formatGraphqlError. */
export function createAnalystResolvers(source: GraphSource) {
  return {
    Query: {
      search: (_root: unknown, args: SearchArgs) => searchGraph(source, args.text, { limit: args.limit, types: args.types }),
      entity: (_root: unknown, args: { id: string }) => findEntity(source, args.id),
      neighbourhood: (_root: unknown, args: { id: string; depth: number; limit: number }) =>
        findNeighbourhood(source, args.id, { depth: args.depth, limit: args.limit }),
      path: (_root: unknown, args: { from: string; to: string; maxLength: number }) => findPath(source, args.from, args.to, args.maxLength),
      timeline: (_root: unknown, args: { from?: Neo4jDate | null; to?: Neo4jDate | null }) =>
        readTimeline(source, { from: args.from?.toString() ?? null, to: args.to?.toString() ?? null }),
    },
  };
}
