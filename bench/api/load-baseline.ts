/**
 * The loader's baseline: the same rows the real loader writes (nodes with their labels and
 * properties, relationships with their key and properties), sent as a plain batched
 * `UNWIND ... MERGE` with the driver, one auto-commit transaction per batch. No validation,
 * no diff, no all-or-nothing promise: the fastest straightforward import.
 */
import type { Driver } from 'neo4j-driver';
import type { GraphPlan } from '../../src/graph/graph-plan.ts';
import { categoryOf, SEED_KEY_PROPERTY, SEED_LABEL } from '../../src/store/labels.ts';
import { toStoredProperties } from '../../src/store/plan-values.ts';

const BATCH = 1000;

export async function loadBaseline(driver: Driver, database: string, plan: GraphPlan): Promise<void> {
  const nodes = plan.nodes.map((node) => ({
    id: node.id,
    labels: [node.label, categoryOf(node.label)],
    properties: toStoredProperties(node.properties, node.id),
  }));
  for (let start = 0; start < nodes.length; start += BATCH) {
    await driver.executeQuery(
      `UNWIND $rows AS row MERGE (n:\`${SEED_LABEL}\` {id: row.id}) SET n += row.properties, n:$(row.labels)`,
      { rows: nodes.slice(start, start + BATCH) },
      { database },
    );
  }
  const relationships = plan.relationships.map((rel) => ({
    from: rel.from,
    to: rel.to,
    type: rel.type,
    key: rel.key,
    properties: toStoredProperties(rel.properties, `${rel.from}-${rel.type}->${rel.to}`),
  }));
  for (let start = 0; start < relationships.length; start += BATCH) {
    await driver.executeQuery(
      `UNWIND $rows AS row
       MATCH (a:\`${SEED_LABEL}\` {id: row.from})
       MATCH (b:\`${SEED_LABEL}\` {id: row.to})
       MERGE (a)-[r:$(row.type) {\`${SEED_KEY_PROPERTY}\`: row.key}]->(b)
       SET r += row.properties`,
      { rows: relationships.slice(start, start + BATCH) },
      { database },
    );
  }
}
