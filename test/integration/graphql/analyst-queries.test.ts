import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { silentLogger } from '../../../src/logger.ts';
import { SEARCH_INDEX_NAME, ensureSchema } from '../../../src/store/ensure-schema.ts';
import { dataOf, errorOf } from './expect-graphql.ts';
import { serveSeededGraph, type SeededServer } from './serve-seeded-graph.ts';

// The custom analyst queries (search, entity, neighbourhood, path, timeline) over real HTTP.
let server: SeededServer;
beforeAll(async () => {
  server = await serveSeededGraph();
});
afterAll(async () => {
  await server?.close();
});

interface Hit {
  type: string;
  id: string;
  name: string;
  score: number;
}
interface GraphNode {
  id: string;
  type: string;
  name: string;
}
interface GraphEdge {
  source: string;
  target: string;
  type: string;
  provenance: { documentId: string | null; passageId: string | null; quote: string | null; referenceId: string | null };
}

const SEARCH = `query Search($text: String!, $limit: Int, $types: [NodeType!]) {
  search(text: $text, limit: $limit, types: $types) { type id name score }
}`;
const search = async (variables: Record<string, unknown>) => server.query<{ search: Hit[] }>(SEARCH, variables);

describe('search', () => {
  test('the acronym "PNR" finds the EU PNR directive first, then the rail PNR', async () => {
    const hits = dataOf(await search({ text: 'PNR' })).search;
    expect(hits[0]).toMatchObject({ type: 'Instrument', id: 'pnr', name: 'EU PNR Directive' });
    expect(hits.map((hit) => hit.id)).toContain('rail-pnr');
    const scores = hits.map((hit) => hit.score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });

  test('a French alias finds the entity: "Règlement général sur la protection des données" is the GDPR', async () => {
    const hits = dataOf(await search({ text: 'Règlement général sur la protection des données', limit: 3 })).search;
    expect(hits[0]).toMatchObject({ type: 'Instrument', id: 'gdpr' });
    expect(hits.length).toBeLessThanOrEqual(3);
  });

  test('an exact name ranks above the commitments that mention it', async () => {
    const hits = dataOf(await search({ text: 'europol' })).search;
    expect(hits[0]).toMatchObject({ type: 'Organisation', id: 'europol' });
  });

  test('types restricts the hits to those node types', async () => {
    const hits = dataOf(await search({ text: 'radicalised prisoners', types: ['Commitment'] })).search;
    expect(hits.length).toBeGreaterThan(1);
    expect(new Set(hits.map((hit) => hit.type))).toEqual(new Set(['Commitment']));
    expect(hits.map((hit) => hit.id)).toContain('c-sis-reporting-radicalised-prisoners');
  });

  test.each([
    'C++ (PNR) AND [SIS] {x} ^2 ~ * ? : \\ / "unclosed',
    'NOT',
    'OR PNR',
    '-PNR',
    'PNR~~',
  ])('Lucene syntax in the text cannot break the query: %s', async (text) => {
    const response = await search({ text });
    expect(response.errors).toBeUndefined();
    expect(Array.isArray(response.data?.search)).toBe(true);
  });

  test('text with special characters still finds its words', async () => {
    const hits = dataOf(await search({ text: '(PNR)' })).search;
    expect(hits[0]?.id).toBe('pnr');
  });

  test.each([
    ['empty text', { text: '' }, 'text'],
    ['blank text', { text: '   ' }, 'text'],
    ['only punctuation', { text: '?!*' }, 'text'],
    ['limit 0', { text: 'PNR', limit: 0 }, 'limit'],
    ['limit above 100', { text: 'PNR', limit: 101 }, 'limit'],
  ])('%s is BAD_USER_INPUT naming the argument', async (_case, variables, argument) => {
    const error = errorOf(await search(variables));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.argument).toBe(argument);
    expect(error.message).toMatch(new RegExp(argument));
  });
});

describe('entity', () => {
  const ENTITY = `query Entity($id: ID!) {
    entity(id: $id) {
      id type name aliases description
      properties { key value }
      mentions { quote passage { id section order text } document { id title } }
      externalReferences { id title url fields }
      links { type direction other { id type name } provenance { documentId passageId quote referenceId } properties { key value } }
    }
  }`;

  test('a commitment comes with its passage, quote, document and the facts linked to it', async () => {
    const { entity } = dataOf<{ entity: any }>(await server.query(ENTITY, { id: 'c-sis-reporting-radicalised-prisoners' }));
    expect(entity).toMatchObject({ id: 'c-sis-reporting-radicalised-prisoners', type: 'Commitment' });
    expect(entity.properties).toContainEqual({ key: 'modality', value: 'CONSIDER' });
    expect(entity.properties).toContainEqual({ key: 'verbPhrase', value: 'to give thought to' });
    expect(entity.mentions).toHaveLength(1);
    const [mention] = entity.mentions;
    expect(mention.passage).toMatchObject({ id: 'val-duchesse-ii-2018#p19', section: 'In the fight against violent radicalisation', order: 19 });
    expect(mention.passage.text).toContain(mention.quote);
    expect(mention.document.id).toBe('val-duchesse-ii-2018');
    expect(entity.links).toContainEqual({
      type: 'CONCERNS',
      direction: 'OUT',
      other: { id: 'sis', type: 'Instrument', name: 'Schengen Information System' },
      provenance: { documentId: 'val-duchesse-ii-2018', passageId: 'val-duchesse-ii-2018#p19', quote: 'Schengen Information System (SIS)', referenceId: null },
      properties: [],
    });
    expect(entity.links).toContainEqual(
      expect.objectContaining({ type: 'PARTY_TO', direction: 'IN', other: expect.objectContaining({ id: 'FR' }), properties: [{ key: 'role', value: 'PARTY' }] }),
    );
  });

  test('an entity shows its external references and which fields they supply', async () => {
    const { entity } = dataOf<{ entity: any }>(await server.query(ENTITY, { id: 'europol' }));
    expect(entity.type).toBe('Organisation');
    expect(entity.externalReferences.length).toBeGreaterThan(0);
    for (const reference of entity.externalReferences) {
      expect(reference.url).toMatch(/^https:\/\//);
      expect(reference.fields.length).toBeGreaterThan(0);
    }
    // Links from a reference file carry the reference instead of a quote.
    const belongsTo = entity.links.find((link: any) => link.type === 'BELONGS_TO');
    expect(belongsTo.provenance.referenceId).toEqual(expect.any(String));
    expect(belongsTo.provenance.quote).toBeNull();
  });

  test('an unknown id gives null, not an error', async () => {
    const response = await server.query(ENTITY, { id: 'no-such-node' });
    expect(dataOf(response)).toEqual({ entity: null });
  });
});

describe('neighbourhood', () => {
  const NEIGHBOURHOOD = `query Neighbourhood($id: ID!, $depth: Int, $limit: Int) {
    neighbourhood(id: $id, depth: $depth, limit: $limit) {
      nodes { id type name }
      edges { source target type provenance { documentId passageId quote referenceId } }
      truncated
    }
  }`;
  type Neighbourhood = { neighbourhood: { nodes: GraphNode[]; edges: GraphEdge[]; truncated: boolean } };

  test('depth 1 around Europol: the commitment naming it and the EU it belongs to, each edge with its source', async () => {
    const { neighbourhood } = dataOf(await server.query<Neighbourhood>(NEIGHBOURHOOD, { id: 'europol' }));
    expect(neighbourhood.nodes[0]).toEqual({ id: 'europol', type: 'Organisation', name: 'Europol' });
    expect(neighbourhood.nodes.map((node) => node.id).sort()).toEqual(['c-organised-crime-eurojust-europol', 'eu', 'europol']);
    expect(neighbourhood.truncated).toBe(false);
    expect(neighbourhood.edges).toContainEqual({
      source: 'c-organised-crime-eurojust-europol',
      target: 'europol',
      type: 'INVOLVES',
      provenance: { documentId: 'val-duchesse-ii-2018', passageId: 'val-duchesse-ii-2018#p25', quote: 'via the Eurojust and Europol agencies', referenceId: null },
    });
    for (const edge of neighbourhood.edges) {
      expect(edge.provenance.quote !== null || edge.provenance.referenceId !== null).toBe(true);
    }
  });

  test('edges connect only returned nodes and never structural relationships', async () => {
    const { neighbourhood } = dataOf(await server.query<Neighbourhood>(NEIGHBOURHOOD, { id: 'FR', depth: 2, limit: 500 }));
    const ids = new Set(neighbourhood.nodes.map((node) => node.id));
    expect(ids.size).toBe(neighbourhood.nodes.length);
    expect(neighbourhood.edges.length).toBeGreaterThan(0);
    for (const edge of neighbourhood.edges) {
      expect(ids.has(edge.source) && ids.has(edge.target)).toBe(true);
      expect(['MENTIONED_IN', 'PART_OF', 'EXTERNAL_SOURCE']).not.toContain(edge.type);
    }
    expect(neighbourhood.nodes.some((node) => node.type === 'Passage')).toBe(false);
  });

  test('a deeper neighbourhood contains the shallower one', async () => {
    const one = dataOf(await server.query<Neighbourhood>(NEIGHBOURHOOD, { id: 'europol', depth: 1 })).neighbourhood;
    const two = dataOf(await server.query<Neighbourhood>(NEIGHBOURHOOD, { id: 'europol', depth: 2, limit: 500 })).neighbourhood;
    const twoIds = new Set(two.nodes.map((node) => node.id));
    expect(two.nodes.length).toBeGreaterThan(one.nodes.length);
    for (const node of one.nodes) expect(twoIds.has(node.id)).toBe(true);
  });

  test('limit caps the nodes (the centre included) and says the result was truncated', async () => {
    const { neighbourhood } = dataOf(await server.query<Neighbourhood>(NEIGHBOURHOOD, { id: 'FR', depth: 1, limit: 5 }));
    expect(neighbourhood.nodes).toHaveLength(5);
    expect(neighbourhood.nodes[0]!.id).toBe('FR');
    expect(neighbourhood.truncated).toBe(true);
  });

  test.each([
    [0, 'depth'],
    [4, 'depth'],
  ])('depth %i is BAD_USER_INPUT with the allowed range in the message', async (depth, argument) => {
    const error = errorOf(await server.query(NEIGHBOURHOOD, { id: 'FR', depth }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.extensions.argument).toBe(argument);
    expect(error.message).toMatch(/depth must be a whole number from 1 to 3/);
  });

  test('limit 0 is BAD_USER_INPUT', async () => {
    expect(errorOf(await server.query(NEIGHBOURHOOD, { id: 'FR', limit: 0 })).code).toBe('BAD_USER_INPUT');
  });

  test('an unknown id is NOT_FOUND naming the id', async () => {
    const error = errorOf(await server.query(NEIGHBOURHOOD, { id: 'atlantis' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('atlantis');
  });
});

describe('path', () => {
  const PATH = `query Path($from: ID!, $to: ID!, $maxLength: Int) {
    path(from: $from, to: $to, maxLength: $maxLength) {
      nodes { id type name }
      edges { source target type provenance { passageId quote referenceId } }
    }
  }`;
  type PathResult = { path: { nodes: GraphNode[]; edges: GraphEdge[] } | null };

  test('Jan Jambon reaches Europol in four steps, through a commitment that names Europol', async () => {
    const { path } = dataOf(await server.query<PathResult>(PATH, { from: 'jan-jambon', to: 'europol' }));
    expect(path).not.toBeNull();
    expect(path!.nodes[0]!.id).toBe('jan-jambon');
    expect(path!.nodes.at(-1)!.id).toBe('europol');
    expect(path!.edges).toHaveLength(path!.nodes.length - 1);
    expect(path!.edges).toHaveLength(4);
    path!.edges.forEach((edge, index) => {
      const ends = [path!.nodes[index]!.id, path!.nodes[index + 1]!.id].sort();
      expect([edge.source, edge.target].sort()).toEqual(ends);
      expect(['MENTIONED_IN', 'PART_OF', 'EXTERNAL_SOURCE']).not.toContain(edge.type);
      expect(edge.provenance.quote ?? edge.provenance.referenceId).toEqual(expect.any(String));
    });
    expect(path!.edges.at(-1)).toMatchObject({ type: 'INVOLVES', target: 'europol', provenance: { quote: 'via the Eurojust and Europol agencies' } });
  });

  test('the same question gives the same path every time', async () => {
    const first = dataOf(await server.query<PathResult>(PATH, { from: 'jan-jambon', to: 'europol' }));
    const second = dataOf(await server.query<PathResult>(PATH, { from: 'jan-jambon', to: 'europol' }));
    expect(second).toEqual(first);
  });

  test('no path within maxLength gives null', async () => {
    const { path } = dataOf(await server.query<PathResult>(PATH, { from: 'jan-jambon', to: 'europol', maxLength: 2 }));
    expect(path).toBeNull();
  });

  test('a path from a node to itself is that node alone', async () => {
    const { path } = dataOf(await server.query<PathResult>(PATH, { from: 'europol', to: 'europol' }));
    expect(path).toEqual({ nodes: [{ id: 'europol', type: 'Organisation', name: 'Europol' }], edges: [] });
  });

  test.each([
    [{ from: 'atlantis', to: 'europol' }, 'from'],
    [{ from: 'europol', to: 'atlantis' }, 'to'],
  ])('an unknown end is NOT_FOUND naming the argument (%o)', async (variables, argument) => {
    const error = errorOf(await server.query(PATH, variables));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.extensions.argument).toBe(argument);
  });

  test('maxLength outside 1..10 is BAD_USER_INPUT', async () => {
    expect(errorOf(await server.query(PATH, { from: 'FR', to: 'BE', maxLength: 11 })).code).toBe('BAD_USER_INPUT');
  });
});

describe('timeline', () => {
  const TIMELINE = `query Timeline($from: Date, $to: Date) {
    timeline(from: $from, to: $to) { id name kind date endDate dateText dateBasis inferred concerns { id type name } }
  }`;
  type Entry = { id: string; date: string; dateText: string | null; dateBasis: string; inferred: boolean; concerns: GraphNode[] };

  test('events come in date order, each saying whether its date is stated or inferred', async () => {
    const { timeline } = dataOf(await server.query<{ timeline: Entry[] }>(TIMELINE));
    expect(timeline.length).toBeGreaterThan(5);
    const dates = timeline.map((entry) => entry.date);
    expect(dates).toEqual([...dates].sort());
    for (const entry of timeline) expect(entry.inferred).toBe(entry.dateBasis !== 'STATED');
    const byId = new Map(timeline.map((entry) => [entry.id, entry]));
    expect(byId.get('joint-statement-2016-publication')).toMatchObject({ date: '2016-02-01', dateText: '1 February 2016', dateBasis: 'STATED', inferred: false });
    expect(byId.get('eu-pnr-entry-into-force-2018')).toMatchObject({
      date: '2018-05-25',
      dateText: '25 May',
      dateBasis: 'YEAR_INFERRED',
      inferred: true,
      concerns: [{ id: 'pnr', type: 'Instrument', name: 'EU PNR Directive' }],
    });
    expect(byId.get('val-duchesse-ii-meeting')).toMatchObject({ date: '2018-06-11', dateBasis: 'EXTERNAL', inferred: true });
  });

  test('from and to bound the dates, inclusively', async () => {
    const { timeline } = dataOf(await server.query<{ timeline: Entry[] }>(TIMELINE, { from: '2018-05-25', to: '2018-06-11' }));
    // The text's events and the lifecycle steps of the same days (the GDPR's application, the PNR transposition deadline).
    expect(timeline.map((entry) => entry.id)).toEqual([
      'eu-pnr-entry-into-force-2018',
      'gdpr-application',
      'gdpr-entry-into-force-2018',
      'pnr-application-transposition',
      'liege-attack-2018',
      'val-duchesse-ii-meeting',
    ]);
  });

  test('from after to is BAD_USER_INPUT', async () => {
    const error = errorOf(await server.query(TIMELINE, { from: '2019-01-01', to: '2018-01-01' }));
    expect(error.code).toBe('BAD_USER_INPUT');
    expect(error.message).toMatch(/after/);
  });
});

describe('internal errors', () => {
  // Last in the file: it removes the search index for a moment and puts it back.
  test('a database failure reaches the client masked, as INTERNAL_SERVER_ERROR without details', async () => {
    const { driver, database } = server.db;
    await driver.executeQuery(`DROP INDEX ${SEARCH_INDEX_NAME} IF EXISTS`, {}, { database });
    try {
      const response = await search({ text: 'PNR' });
      const error = errorOf(response);
      expect(error.code).toBe('INTERNAL_SERVER_ERROR');
      expect(error.message).toBe('Internal server error');
      expect(JSON.stringify(response)).not.toMatch(/entente_search|Neo\.|fulltext|stack/i);
    } finally {
      await ensureSchema({ driver, database }, { logger: silentLogger });
    }
    expect(dataOf(await search({ text: 'PNR' })).search[0]?.id).toBe('pnr');
  });
});
