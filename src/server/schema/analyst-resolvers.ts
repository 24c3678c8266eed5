import type { GraphQLResolveInfo } from 'graphql';
import type { Date as Neo4jDate } from 'neo4j-driver';
import type { NodeLabel } from '../../graph/graph-plan.ts';
import type { SearchMatch } from '../graph-queries/build-fulltext-query.ts';
import { type CommitmentGroup, countCommitments } from '../graph-queries/count-commitments.ts';
import { type EntityDetail, findEntity } from '../graph-queries/find-entity.ts';
import { findNeighbourhood } from '../graph-queries/find-neighbourhood.ts';
import { type PathOptions, findPaths } from '../graph-queries/find-path.ts';
import { readFollowThrough, type FollowThroughSort } from '../graph-queries/read-follow-through.ts';
import { readInstrumentHistory, readInstrumentStatus, readStatusChanges } from '../graph-queries/read-instrument-status.ts';
import { isoArgument } from '../graph-queries/read-lifecycle.ts';
import type { DatabaseHandle } from '../../neo4j/database-handle.ts';
import { readTimeline } from '../graph-queries/read-timeline.ts';
import { type SearchHit, searchGraph } from '../graph-queries/search-graph.ts';
import { NodeBatch, resolveNodes } from './resolve-nodes.ts';
import { selectCommitmentIds } from './select-commitments.ts';

interface SearchArgs {
  text: string;
  limit: number;
  types?: NodeLabel[] | null;
  match: SearchMatch;
}

interface PathArgs {
  from: string;
  to: string;
  maxLength: number;
  k?: number;
  excludeTypes?: NodeLabel[] | null;
  excludeIds?: string[] | null;
  via: PathOptions['via'];
}

type BatchedHit = SearchHit & { batch: NodeBatch };

/** Resolvers for the analyst queries declared at the end of schema.graphql; AppErrors reach formatGraphqlError. */
export function createAnalystResolvers(db: DatabaseHandle) {
  const pathOptions = (args: PathArgs, k: number): PathOptions => ({
    k,
    maxLength: args.maxLength,
    excludeTypes: args.excludeTypes ?? [],
    excludeIds: args.excludeIds ?? [],
    via: args.via,
  });
  return {
    Query: {
      search: async (_root: unknown, args: SearchArgs) => {
        const result = await searchGraph(db, args.text, { limit: args.limit, types: args.types, match: args.match });
        const batch = new NodeBatch(result.hits);
        return { ...result, hits: result.hits.map((hit): BatchedHit => ({ ...hit, batch })) };
      },
      entity: (_root: unknown, args: { id: string }) => findEntity(db, args.id),
      neighbourhood: (_root: unknown, args: { id: string; depth: number; limit: number }) =>
        findNeighbourhood(db, args.id, { depth: args.depth, limit: args.limit }),
      path: async (_root: unknown, args: PathArgs) => (await findPaths(db, args.from, args.to, pathOptions(args, 1)))[0] ?? null,
      paths: (_root: unknown, args: PathArgs) => findPaths(db, args.from, args.to, pathOptions(args, args.k ?? 3)),
      timeline: (_root: unknown, args: { from?: Neo4jDate | null; to?: Neo4jDate | null }) =>
        readTimeline(db, { from: args.from?.toString() ?? null, to: args.to?.toString() ?? null }),
      instrumentStatus: (_root: unknown, args: { id: string; on?: Neo4jDate | null }) =>
        readInstrumentStatus(db, args.id, isoArgument('on', args.on)),
      instrumentHistory: (_root: unknown, args: { id: string }) => readInstrumentHistory(db, args.id),
      statusChanges: (_root: unknown, args: { from: Neo4jDate; to: Neo4jDate }) =>
        readStatusChanges(db, isoArgument('from', args.from)!, isoArgument('to', args.to)!),
      followThrough: (_root: unknown, args: { asOf?: Neo4jDate | null; sort: FollowThroughSort; descending: boolean }) =>
        readFollowThrough(db, { asOf: isoArgument('asOf', args.asOf), sort: args.sort, descending: args.descending }),
      commitmentCounts: async (
        _root: unknown,
        args: { by: CommitmentGroup; where?: Record<string, unknown> | null; countNearDuplicates: boolean },
        context: unknown,
        info: GraphQLResolveInfo,
      ) => {
        const ids = args.where ? await selectCommitmentIds(args.where, info, context) : null;
        return countCommitments(db, args.by, { ids, countNearDuplicates: args.countNearDuplicates });
      },
    },
    SearchHit: {
      node: (hit: BatchedHit, _args: unknown, context: unknown, info: GraphQLResolveInfo) => hit.batch.load(hit, info, context),
    },
    EntityDetail: {
      node: async (entity: EntityDetail, _args: unknown, context: unknown, info: GraphQLResolveInfo) =>
        (await resolveNodes([entity], info, context)).get(entity.id),
    },
  };
}
