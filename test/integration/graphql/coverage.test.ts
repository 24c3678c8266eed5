import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { projectRoot } from '../../../src/config.ts';
import type { GraphPlan } from '../../../src/graph/graph-plan.ts';
import { readSeed } from '../../../src/seeding/read-seed.ts';
import { dataOf } from './expect-graphql.ts';
import { serveSeededGraph, type SeededServer } from './serve-seeded-graph.ts';

// The promise, checked exhaustively rather than by example: every actor, instrument,
// event, date and commitment built from the statement can be reached through the API together
// with the passage it came from.
let server: SeededServer;
let plan: GraphPlan;
beforeAll(async () => {
  server = await serveSeededGraph();
  plan = (await readSeed(path.join(projectRoot, 'seed'))).plan;
});
afterAll(async () => {
  await server?.close();
});

const ENTITY = `query ($id: ID!) {
  entity(id: $id) {
    id type
    mentions { quote passage { id text } document { id } }
    links { type direction other { id } provenance { documentId passageId quote referenceId } }
  }
}`;

interface Mention {
  quote: string;
  passage: { id: string; text: string };
  document: { id: string };
}
interface Link {
  type: string;
  direction: 'IN' | 'OUT';
  other: { id: string };
  provenance: { documentId: string | null; passageId: string | null; quote: string | null; referenceId: string | null };
}

const collapse = (text: string) => text.replace(/\s+/g, ' ');

describe('everything the seed builds from the statement is reachable with its source', () => {
  test('each node mentioned by the document answers entity(id) with every mention, whose quote is in its passage', async () => {
    const mentioned = new Map<string, number>();
    for (const rel of plan.relationships) {
      if (rel.type === 'MENTIONED_IN') mentioned.set(rel.from, (mentioned.get(rel.from) ?? 0) + 1);
    }
    const labels = new Set(plan.nodes.filter((node) => mentioned.has(node.id)).map((node) => node.label));
    // The statement names people, countries, organisations, instruments, events, commitments...
    expect([...labels].sort()).toEqual(expect.arrayContaining(['Commitment', 'Country', 'Event', 'Instrument', 'Organisation', 'Person', 'Place']));

    for (const [id, count] of mentioned) {
      const { entity } = dataOf<{ entity: { id: string; mentions: Mention[] } | null }>(await server.query(ENTITY, { id }));
      expect(entity, id).not.toBeNull();
      expect(entity!.mentions, id).toHaveLength(count);
      for (const mention of entity!.mentions) {
        expect(collapse(mention.passage.text), `${id} in ${mention.passage.id}`).toContain(collapse(mention.quote));
        expect(mention.document.id).toBe('val-duchesse-ii-2018');
      }
    }
  });

  test('each fact relationship from the document is a link of its source node, with passage and quote', async () => {
    const structural = new Set(['MENTIONED_IN', 'PART_OF', 'EXTERNAL_SOURCE']);
    const facts = plan.relationships.filter((rel) => !structural.has(rel.type) && rel.properties.passageId !== undefined);
    expect(facts.length).toBeGreaterThan(200);
    const bySource = new Map<string, typeof facts>();
    for (const rel of facts) bySource.set(rel.from, [...(bySource.get(rel.from) ?? []), rel]);
    for (const [from, rels] of bySource) {
      const { entity } = dataOf<{ entity: { links: Link[] } }>(await server.query(ENTITY, { id: from }));
      for (const rel of rels) {
        const found = entity.links.find(
          (link) =>
            link.type === rel.type &&
            link.direction === 'OUT' &&
            link.other.id === rel.to &&
            link.provenance.passageId === rel.properties.passageId &&
            link.provenance.quote === rel.properties.quote,
        );
        expect(found, `${from} -[${rel.type}]-> ${rel.to} (${String(rel.properties.passageId)})`).toBeDefined();
        expect(found!.provenance.documentId).toBe('val-duchesse-ii-2018');
      }
    }
  });

  test('every dated event appears on the timeline with its date and how sure it is', async () => {
    const dated = plan.nodes.filter((node) => node.label === 'Event' && node.properties.date);
    expect(dated.length).toBeGreaterThanOrEqual(10);
    const { timeline } = dataOf<{ timeline: { id: string; date: string; dateBasis: string }[] }>(
      await server.query('{ timeline { id date dateBasis } }'),
    );
    for (const event of dated) {
      expect(timeline, event.id).toContainEqual({
        id: event.id,
        date: (event.properties.date as { iso: string }).iso,
        dateBasis: event.properties.dateBasis,
      });
    }
  });
});
