import { beforeAll, describe, expect, it } from 'vitest';
import { AppError, ErrorCode, isAppError } from '../../../src/errors.ts';
import { planDate, type GraphPlan, type PlannedRelationship } from '../../../src/graph/graph-plan.ts';
import { readSeed, type Seed } from '../../../src/seeding/read-seed.ts';
import { seedFixture } from '../../support/seed-fixture.ts';


const node = (plan: GraphPlan, id: string) => plan.nodes.find((n) => n.id === id);
const rels = (plan: GraphPlan, type: string, from?: string, to?: string): PlannedRelationship[] =>
  plan.relationships.filter((r) => r.type === type && (from === undefined || r.from === from) && (to === undefined || r.to === to));

describe('readSeed on a valid mini seed', () => {
  let seed: Seed;

  beforeAll(async () => {
    seed = await readSeed(await seedFixture('valid'));
  });

  it('creates the document, its passages, references and entities as nodes', () => {
    const byLabel = (label: string) => seed.plan.nodes.filter((n) => n.label === label).map((n) => n.id).sort();
    expect(byLabel('Document')).toEqual(['mini-statement']);
    expect(byLabel('Passage')).toEqual(['mini-statement#p01', 'mini-statement#p02', 'mini-statement#p03', 'mini-statement#p04']);
    expect(byLabel('Reference')).toEqual(['europol-site', 'iso-3166', 'mini-source']);
    expect(byLabel('Country')).toEqual(['BE', 'FR', 'NL']);
    expect(byLabel('Commitment')).toEqual(['c-meeting-returning-minors', 'c-strengthen-police-exchanges']);
    expect(byLabel('Place')).toEqual(['lille']);
    expect(byLabel('Event')).toEqual(['mini-meeting']);
    expect(byLabel('Topic')).toEqual(['returning-minors']);
    expect(byLabel('Organisation')).toEqual(['europol']);
    expect(seed.plan.nodes).toHaveLength(17);
  });

  it('stores the document metadata with dates as plan dates and the text hash', () => {
    expect(node(seed.plan, 'mini-statement')?.properties).toEqual({
      name: 'Mini joint statement',
      aliases: [],
      title: 'Mini joint statement',
      date: planDate('2019-03-01'),
      dateBasis: 'EXTERNAL',
      place: 'Lille',
      language: 'en',
      kind: 'JOINT_STATEMENT',
      sourceFile: 'documents/mini-statement.txt',
      sha256: 'baed038d0ae7953b9af31cb709c60aba64a3095d5f67493201e1269bcb2230d6',
    });
    expect(seed.documents.map((d) => [d.id, d.passages.length])).toEqual([['mini-statement', 4]]);
  });

  it('links every passage to its document and keeps its section, kind and offsets', () => {
    expect(rels(seed.plan, 'PART_OF').map((r) => [r.from, r.to])).toEqual(
      ['p01', 'p02', 'p03', 'p04'].map((p) => [`mini-statement#${p}`, 'mini-statement']),
    );
    expect(node(seed.plan, 'mini-statement#p04')?.properties).toMatchObject({
      section: 'In police matters',
      kind: 'BULLET',
      order: 4,
      text: 'To hold a meeting by the end of 2019 on returning minors.',
    });
  });

  it('turns mentions into MENTIONED_IN with the collapsed quote and its offset in the passage', () => {
    const [meeting] = rels(seed.plan, 'MENTIONED_IN', 'mini-meeting');
    expect(meeting).toMatchObject({
      to: 'mini-statement#p01',
      properties: { basis: 'TEXT', documentId: 'mini-statement', passageId: 'mini-statement#p01', quote: 'met today', quoteStart: 42, quoteEnd: 51 },
    });
    const passageText = String(node(seed.plan, 'mini-statement#p01')?.properties['text']);
    expect(passageText.slice(42, 42 + 'met today'.length)).toBe('met today');
  });

  it('counts a commitment’s own passage and quote as its mention and derives its section', () => {
    expect(rels(seed.plan, 'MENTIONED_IN', 'c-meeting-returning-minors')).toHaveLength(1);
    expect(node(seed.plan, 'c-meeting-returning-minors')?.properties).toMatchObject({
      quote: 'To hold a meeting by the end of 2019 on returning minors',
      section: 'In police matters',
      modality: 'ACT',
      deadline: planDate('2019-12-31'),
      deadlineBasis: 'APPROXIMATE',
    });
  });

  it('writes links with provenance, defaults from the record and the commitment’s passage', () => {
    const parties = rels(seed.plan, 'PARTY_TO', undefined, 'c-strengthen-police-exchanges');
    expect(parties.map((r) => r.from).sort()).toEqual(['BE', 'FR']);
    expect(parties[0]?.properties).toEqual({
      basis: 'TEXT',
      documentId: 'mini-statement',
      passageId: 'mini-statement#p02',
      quote: 'France and Belgium have decided',
      quoteStart: 0,
      quoteEnd: 31,
      role: 'PARTY',
    });
    const [channel] = rels(seed.plan, 'INVOLVES', 'c-strengthen-police-exchanges', 'europol');
    expect(channel?.properties).toMatchObject({
      basis: 'TEXT',
      documentId: 'mini-statement',
      passageId: 'mini-statement#p03',
      quote: 'through Europol',
      role: 'CHANNEL',
    });
    const { quoteStart, quoteEnd } = channel!.properties as { quoteStart: number; quoteEnd: number };
    expect(String(node(seed.plan, 'mini-statement#p03')?.properties['text']).slice(quoteStart, quoteEnd)).toBe('through Europol');
    expect(rels(seed.plan, 'RECORDS', 'mini-statement', 'mini-meeting')).toHaveLength(1);
  });

  it('marks external facts with EXTERNAL_SOURCE and writes reference-file links with their reference', () => {
    expect(rels(seed.plan, 'EXTERNAL_SOURCE', 'europol', 'europol-site')[0]?.properties).toEqual({
      fields: ['kind', 'aliases', 'LOCATED_IN'],
    });
    expect(rels(seed.plan, 'EXTERNAL_SOURCE', 'mini-statement', 'mini-source')[0]?.properties).toEqual({
      fields: ['title', 'date', 'place'],
    });
    expect(rels(seed.plan, 'LOCATED_IN', 'europol', 'NL')[0]?.properties).toEqual({ basis: 'EXTERNAL', referenceId: 'europol-site' });
  });

  it('gives every relationship a unique identity that is the same on a second read', async () => {
    const identity = (r: PlannedRelationship) => `${r.from}|${r.type}|${r.to}|${r.key}`;
    const identities = seed.plan.relationships.map(identity);
    expect(new Set(identities).size).toBe(identities.length);
    const again = await readSeed(await seedFixture('valid'));
    expect(again.plan.relationships.map(identity)).toEqual(identities);
    expect(again.seedHash).toBe(seed.seedHash);
    expect(seed.seedHash).toMatch(/^[0-9a-f]{64}$/u);
  });

  it('only points relationships at nodes of the plan', () => {
    const ids = new Set(seed.plan.nodes.map((n) => n.id));
    for (const r of seed.plan.relationships) {
      expect(ids.has(r.from), `${r.type} from ${r.from}`).toBe(true);
      expect(ids.has(r.to), `${r.type} to ${r.to}`).toBe(true);
    }
  });
});

describe('readSeed on a seed with two documents', () => {
  it('lets a document use an entity another document defines when it mentions it', async () => {
    const seed = await readSeed(await seedFixture('two-documents'));
    expect(seed.documents.map((d) => d.id)).toEqual(['mini-followup', 'mini-statement']);
    expect(rels(seed.plan, 'MENTIONED_IN', 'lille').map((r) => r.to).sort()).toEqual([
      'mini-followup#p01',
      'mini-statement#p01',
    ]);
    expect(rels(seed.plan, 'BUILDS_ON', 'c-meet-again-lille', 'mini-meeting')[0]?.properties).toMatchObject({
      documentId: 'mini-followup',
      passageId: 'mini-followup#p01',
      quote: 'a follow-up meeting',
    });
    // A one-line lead-in ("They decided:") is a paragraph, not a heading.
    expect(node(seed.plan, 'c-meet-again-lille')?.properties['section']).toBe('Preamble');
  });

  it('changes the seed hash when a seed file changes', async () => {
    const one = await readSeed(await seedFixture('valid'));
    const two = await readSeed(await seedFixture('two-documents'));
    expect(two.seedHash).not.toBe(one.seedHash);
  });

  it('refuses a link to an entity of another document that this document does not mention', async () => {
    const error = await readSeed(await seedFixture('missing-mention')).catch((e: unknown) => e);
    expect(isAppError(error, ErrorCode.SEED_INVALID)).toBe(true);
    expect((error as AppError).details['problems']).toEqual([
      expect.objectContaining({
        kind: 'MISSING_MENTION',
        file: 'documents/mini-followup.yaml',
        record: 'c-meet-again-lille',
        field: 'links[2]',
        line: 23,
      }),
    ]);
  });
});
