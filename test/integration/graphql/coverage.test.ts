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
    mentions { basis quote quoteStart quoteEnd passage { id text } document { id } }
    links {
      type direction other { id }
      provenance { basis rule documentId passageId quote quoteStart quoteEnd referenceId passage { id text } reference { id } }
    }
    properties { key provenance { basis rule quote quoteStart quoteEnd passage { id text } reference { id } } }
  }
}`;

interface Mention {
  basis: string;
  quote: string;
  quoteStart: number;
  quoteEnd: number;
  passage: { id: string; text: string };
  document: { id: string };
}
interface Provenance {
  basis: 'TEXT' | 'EXTERNAL' | 'INFERENCE';
  rule: string | null;
  quote: string | null;
  quoteStart: number | null;
  quoteEnd: number | null;
  passage: { id: string; text: string } | null;
  reference: { id: string } | null;
}
interface Link {
  type: string;
  direction: 'IN' | 'OUT';
  other: { id: string };
  provenance: Provenance & { documentId: string | null; passageId: string | null; referenceId: string | null };
}
interface Property {
  key: string;
  provenance: Provenance | null;
}

/** The quote is the span of its passage's text between its offsets. */
function expectQuoteAtOffsets(provenance: Pick<Provenance, 'quote' | 'quoteStart' | 'quoteEnd' | 'passage'>, what: string): void {
  expect(provenance.passage, what).not.toBeNull();
  expect(provenance.passage!.text.slice(provenance.quoteStart!, provenance.quoteEnd!), what).toBe(provenance.quote);
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
        expect(mention.basis).toBe('TEXT');
        expectQuoteAtOffsets(mention, `${id} mention in ${mention.passage.id}`);
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
            link.provenance.quote === rel.properties.quote &&
            link.provenance.rule === (rel.properties.rule ?? null),
        );
        const what = `${from} -[${rel.type}]-> ${rel.to} (${String(rel.properties.passageId)})`;
        expect(found, what).toBeDefined();
        expect(found!.provenance.documentId).toBe('val-duchesse-ii-2018');
        // One provenance shape: the basis, the passage as an object, the quote at its offsets.
        expect(found!.provenance.basis, what).toBe(rel.properties.rule === undefined ? 'TEXT' : 'INFERENCE');
        expect(found!.provenance.passage?.id, what).toBe(rel.properties.passageId);
        expectQuoteAtOffsets(found!.provenance, what);
      }
    }
  });

  test('each external fact relationship is a link with basis EXTERNAL and its reference', async () => {
    const external = plan.relationships.filter((rel) => typeof rel.properties.referenceId === 'string');
    expect(external.length).toBeGreaterThan(0);
    for (const rel of external) {
      const { entity } = dataOf<{ entity: { links: Link[] } }>(await server.query(ENTITY, { id: rel.from }));
      const found = entity.links.find((link) => link.type === rel.type && link.direction === 'OUT' && link.other.id === rel.to && link.provenance.basis === 'EXTERNAL');
      expect(found?.provenance.reference?.id, `${rel.from} -[${rel.type}]-> ${rel.to}`).toBe(rel.properties.referenceId);
    }
  });

  test('every property of every mentioned entity says where it comes from, the same way', async () => {
    const entities = plan.nodes.filter((node) => plan.relationships.some((rel) => rel.type === 'MENTIONED_IN' && rel.from === node.id));
    let inferred = 0;
    for (const node of entities) {
      const { entity } = dataOf<{ entity: { properties: Property[] } }>(await server.query(ENTITY, { id: node.id }));
      for (const property of entity.properties) {
        const what = `${node.id}.${property.key}`;
        expect(property.provenance, what).not.toBeNull();
        const provenance = property.provenance!;
        if (provenance.basis === 'EXTERNAL') {
          expect(provenance.reference, what).not.toBeNull();
          continue;
        }
        expectQuoteAtOffsets(provenance, what);
        if (provenance.basis === 'INFERENCE') {
          inferred += 1;
          expect(provenance.rule, what).toEqual(expect.any(String));
        }
      }
    }
    // Dates with the year left implicit, and periods stored as their last day.
    expect(inferred).toBeGreaterThan(0);
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
