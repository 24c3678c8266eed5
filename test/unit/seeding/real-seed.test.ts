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

  it('says of every commitment whether the statement makes it now or restates an earlier decision', () => {
    const commitments = seed.plan.nodes.filter((n) => n.label === 'Commitment');
    const restated = commitments.filter((n) => n.properties['novelty'] === 'RESTATED').map((n) => n.id).sort();
    expect(commitments.filter((n) => n.properties['novelty'] === 'NEW').length).toBe(commitments.length - restated.length);
    // The preamble recounts four 2016 decisions (p03) and four 2017 ones (p04).
    expect(restated).toHaveLength(8);
    expect(restated.every((id) => /^c201[67]-/u.test(id))).toBe(true);
    for (const id of restated) {
      const recalls = seed.plan.relationships.filter((r) => r.type === 'RECALLS' && r.from === id);
      expect(recalls.map((r) => r.to), id).toEqual([id.startsWith('c2016') ? 'joint-statement-2016' : 'notice-2017']);
      expect(recalls[0]?.properties).toMatchObject({ basis: 'INFERENCE', rule: 'YEAR_MATCHES_DOCUMENT' });
    }
    // The one near-duplicate stays flagged.
    expect(seed.plan.relationships.filter((r) => r.type === 'NEAR_DUPLICATE_OF').map((r) => [r.from, r.to])).toEqual([
      ['c-cultural-goods-trafficking-p13', 'c-cultural-goods-trafficking'],
    ]);
  });

  it('gives every fact relationship one basis: TEXT with its quote offsets, EXTERNAL with a reference, INFERENCE with a rule', () => {
    const passages = new Map(seed.plan.nodes.filter((n) => n.label === 'Passage').map((n) => [n.id, String(n.properties['text'])]));
    for (const r of seed.plan.relationships.filter((r) => r.type !== 'PART_OF' && r.type !== 'EXTERNAL_SOURCE')) {
      const p = r.properties;
      const what = `${r.from} ${r.type} ${r.to}`;
      expect(['TEXT', 'EXTERNAL', 'INFERENCE'], what).toContain(p['basis']);
      if (p['basis'] === 'EXTERNAL') {
        expect(typeof p['referenceId'], what).toBe('string');
        continue;
      }
      expect(p['rule'] !== undefined, what).toBe(p['basis'] === 'INFERENCE');
      const text = passages.get(String(p['passageId']));
      expect(text?.slice(Number(p['quoteStart']), Number(p['quoteEnd'])), what).toBe(p['quote']);
    }
  });

  it('links what the text relates: council members, partners, reforms, follow-ups, proposers', () => {
    const ends = (type: string) => seed.plan.relationships.filter((r) => r.type === type).map((r) => `${r.from} -> ${r.to}`).sort();
    expect(ends('MEMBER_OF')).toEqual([
      'BE -> joint-working-party-criminal-proceedings',
      'FR -> joint-working-party-criminal-proceedings',
      'be-ministry-of-justice -> quadripartite-council',
      'es-ministry-of-justice -> quadripartite-council',
      'fr-ministry-of-justice -> quadripartite-council',
      'ma-ministry-of-justice -> quadripartite-council',
    ]);
    expect(ends('WORKS_WITH')).toEqual([
      'be-intelligence-services -> fr-intelligence-services',
      'be-police-liaison-officer-in-lille -> hauts-de-france-prefect',
    ]);
    // Once as the statement says it, once from the agency's own legal basis page.
    expect(seed.plan.relationships.filter((r) => r.type === 'REFORMS').map((r) => [r.from, r.to, r.properties['basis']]).sort()).toEqual([
      ['ebcg-regulation-2016', 'frontex', 'EXTERNAL'],
      ['ebcg-regulation-2016', 'frontex', 'TEXT'],
    ]);
    expect(ends('FOLLOWS_UP')).toEqual([
      'c-no-money-for-terror -> no-money-for-terror-conference-2018',
      'c-sis-reporting-radicalised-prisoners -> liege-attack-2018',
    ]);
    expect(ends('PROPOSED_BY')).toEqual([
      'e-evidence-regulation-proposal -> european-commission',
      'explosives-precursors-regulation-proposal -> european-commission',
    ]);
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
