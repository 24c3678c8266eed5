import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlannedRelationship } from '../../../src/graph/graph-plan.ts';
import { readSeed, type Seed } from '../../../src/seeding/read-seed.ts';

const seedDir = fileURLToPath(new URL('../../../seed', import.meta.url));
const documentId = 'val-duchesse-ii-2018';

const STRUCTURAL = new Set(['PART_OF', 'MENTIONED_IN', 'EXTERNAL_SOURCE']);
const ENTITY_LABELS = new Set(['Country', 'Place', 'Person', 'Organisation', 'Instrument', 'Event', 'Commitment', 'Topic']);

describe('the curated seed in seed/', () => {
  let seed: Seed;

  beforeAll(async () => {
    // Throws SEED_INVALID, with every problem in its message, if the curated data is wrong.
    seed = await readSeed(seedDir);
  });

  it('reads without problems and holds the 30 passages of the first document', () => {
    const passages = seed.plan.nodes.filter((n) => n.label === 'Passage' && n.properties['documentId'] === documentId);
    expect(passages).toHaveLength(30);
    expect(seed.documents.map((d) => d.id)).toContain(documentId);
  });

  it('gives every commitment parties, a verb phrase, a modality and its provenance', () => {
    const commitments = seed.plan.nodes.filter((n) => n.label === 'Commitment');
    expect(commitments.length).toBeGreaterThan(0);
    for (const commitment of commitments) {
      const { id, properties } = commitment;
      const incoming = seed.plan.relationships.filter((r) => r.to === id);
      const outgoing = seed.plan.relationships.filter((r) => r.from === id);
      expect(incoming.filter((r) => r.type === 'PARTY_TO').length, `${id} parties`).toBeGreaterThan(0);
      expect(typeof properties['verbPhrase'] === 'string' && properties['verbPhrase'] !== '', `${id} verbPhrase`).toBe(true);
      expect(['ACT', 'WORK_TOWARDS', 'CONSIDER', 'SUPPORT_OTHERS', 'CALL_ON_OTHERS'], `${id} modality`).toContain(properties['modality']);
      expect(typeof properties['summary'] === 'string' && typeof properties['quote'] === 'string', `${id} summary and quote`).toBe(true);
      const mention = outgoing.find((r) => r.type === 'MENTIONED_IN' && r.properties['quote'] === properties['quote']);
      expect(mention, `${id} is mentioned with its own quote`).toBeDefined();
    }
  });

  it('gives every entity a mention or an external source, and every fact its source', () => {
    const sourced = new Set(
      seed.plan.relationships.filter((r) => r.type === 'MENTIONED_IN' || r.type === 'EXTERNAL_SOURCE').map((r) => r.from),
    );
    for (const node of seed.plan.nodes.filter((n) => ENTITY_LABELS.has(n.label))) {
      expect(sourced.has(node.id), `${node.label} ${node.id}`).toBe(true);
    }
    const hasProvenance = (r: PlannedRelationship) =>
      typeof r.properties['referenceId'] === 'string' ||
      (typeof r.properties['documentId'] === 'string' && typeof r.properties['passageId'] === 'string' && typeof r.properties['quote'] === 'string');
    for (const r of seed.plan.relationships.filter((r) => !STRUCTURAL.has(r.type))) {
      expect(hasProvenance(r), `${r.from} ${r.type} ${r.to}`).toBe(true);
    }
  });

  it('points every relationship at a node of the plan, with unique identities', () => {
    const ids = new Set(seed.plan.nodes.map((n) => n.id));
    expect(ids.size).toBe(seed.plan.nodes.length);
    const identities = new Set<string>();
    for (const r of seed.plan.relationships) {
      expect(ids.has(r.from) && ids.has(r.to), `${r.from} ${r.type} ${r.to}`).toBe(true);
      identities.add(`${r.from}|${r.type}|${r.to}|${r.key}`);
    }
    expect(identities.size).toBe(seed.plan.relationships.length);
  });
});
