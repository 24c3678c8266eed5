import type { Driver } from 'neo4j-driver';
import { computeGraphChecksum } from '../../../src/store/compute-graph-checksum.ts';
import type { GraphPlan } from '../../../src/graph/graph-plan.ts';

/** Rows of a query as plain objects. */
export async function queryRows(driver: Driver, database: string, cypher: string, parameters: Record<string, unknown> = {}) {
  const { records } = await driver.executeQuery(cypher, parameters, { database });
  return records.map((record) => record.toObject());
}

/** Nodes by label and relationships by type, as the plan holds them. */
export function planCounts(plan: GraphPlan): { nodes: Record<string, number>; relationships: Record<string, number> } {
  const nodes: Record<string, number> = {};
  for (const node of plan.nodes) nodes[node.label] = (nodes[node.label] ?? 0) + 1;
  const relationships: Record<string, number> = {};
  for (const rel of plan.relationships) relationships[rel.type] = (relationships[rel.type] ?? 0) + 1;
  return { nodes, relationships };
}

/** Everything in the database, internal seed marks included: a refused write must change nothing. */
export async function fullChecksum(driver: Driver, database: string): Promise<string> {
  return (await computeGraphChecksum({ driver, database }, { includeInternal: true })).checksum;
}
