import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../../bench/synthetic/generate-corpus.ts';
import { writeCorpus } from '../../../bench/synthetic/write-corpus.ts';
import { readSeed, type Seed } from '../../../src/seeding/read-seed.ts';

const files = (scale: number, seed: number) => [...generateCorpus({ scale, seed })];

describe('the synthetic corpus generator', () => {
  it('gives the same files, byte for byte, for the same seed number', () => {
    expect(files(3, 42)).toEqual(files(3, 42));
  });

  it('gives other texts for another seed number', () => {
    const one = files(1, 1).find((file) => file.path.endsWith('.txt'));
    const two = files(1, 2).find((file) => file.path.endsWith('.txt'));
    expect(one?.path).toBe(two?.path);
    expect(one?.content).not.toBe(two?.content);
  });

  it('refuses a scale that is not a positive integer', () => {
    expect(() => files(0, 1)).toThrow(/positive integer/);
    expect(() => files(1.5, 1)).toThrow(/positive integer/);
  });
});

describe('the 1x synthetic corpus read by the real seed validator', () => {
  let dir: string;
  let seed: Seed;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'entente-synthetic-'));
    await writeCorpus(dir, { scale: 1, seed: 7 });
    // Throws SEED_INVALID, listing every problem, if any quote, id or link is wrong.
    seed = await readSeed(dir);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('is about the size of the curated seed', () => {
    expect(seed.documents).toHaveLength(1);
    expect(seed.plan.nodes.filter((node) => node.label === 'Passage')).toHaveLength(30);
    expect(seed.plan.nodes.length).toBeGreaterThan(150);
    expect(seed.plan.relationships.length).toBeGreaterThan(500);
  });

  it('gives every commitment parties and a mention with its own quote, and every event a date', () => {
    const commitments = seed.plan.nodes.filter((node) => node.label === 'Commitment');
    expect(commitments.length).toBeGreaterThanOrEqual(25);
    for (const commitment of commitments) {
      const parties = seed.plan.relationships.filter((rel) => rel.type === 'PARTY_TO' && rel.to === commitment.id);
      expect(parties, commitment.id).toHaveLength(2);
      const mention = seed.plan.relationships.find(
        (rel) => rel.type === 'MENTIONED_IN' && rel.from === commitment.id && rel.properties['quote'] === commitment.properties['quote'],
      );
      expect(mention, commitment.id).toBeDefined();
    }
    const events = seed.plan.nodes.filter((node) => node.label === 'Event');
    expect(events.map((event) => event.properties['kind']).sort()).toEqual(['ATTACK', 'MEETING', 'PLANNED_MEETING']);
    for (const event of events) expect(event.properties['date'], event.id).toMatchObject({ kind: 'date' });
  });

  it('says in every file that it is invented', async () => {
    const text = await readFile(path.join(dir, 'reference', 'countries.yaml'), 'utf8');
    expect(text).toMatch(/every name and fact is invented/);
  });
});
