import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { silentLogger } from '../../../src/logger.ts';
import { SEARCH_ANALYZER, SEARCH_INDEX_NAME, ensureSchema } from '../../../src/store/ensure-schema.ts';
import { SEARCH_STOP_WORDS } from '../../../src/server/graph-queries/build-fulltext-query.ts';
import { dataOf, errorOf } from './expect-graphql.ts';
import { serveSeededGraph, type SeededServer } from './serve-seeded-graph.ts';

// The custom analyst queries (search, entity, neighbourhood, path, paths, timeline, commitmentCounts) over real HTTP.
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

const SEARCH = `query Search($text: String!, $limit: Int, $types: [NodeType!], $match: SearchMatch) {
  search(text: $text, limit: $limit, types: $types, match: $match) {
    total
    facets { type count }
    hits { type id name score field snippet highlights { start length } passage { id section order text quote } }
  }
}`;
interface SearchResult {
  total: number;
  facets: { type: string; count: number }[];
  hits: (Hit & { field: string; snippet: string; highlights: { start: number; length: number }[]; passage: any })[];
}
const searchResult = async (variables: Record<string, unknown>) => server.query<{ search: SearchResult }>(SEARCH, variables);
const search = async (variables: Record<string, unknown>) => {
  const response = await searchResult(variables);
  return { ...response, data: response.data ? { search: response.data.search.hits } : response.data };
};

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
    expect(response.status).toBe(200);
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

  test('an unknown id is NOT_FOUND naming the id, as for neighbourhood and path', async () => {
    const error = errorOf(await server.query(ENTITY, { id: 'no-such-node' }));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.extensions.argument).toBe('id');
    expect(error.message).toContain('no-such-node');
  });

  test('node is the entity as its own type, relationships included, in the same request', async () => {
    const { entity } = dataOf<{ entity: any }>(
      await server.query(`{ entity(id: "c-sis-reporting-radicalised-prisoners") {
        node { __typename ... on Commitment { modality hasDeadline parties(sort: [{ id: ASC }]) { id } } ... on Country { name } }
      } }`),
    );
    expect(entity.node).toEqual({ __typename: 'Commitment', modality: 'CONSIDER', hasDeadline: expect.any(Boolean), parties: [{ id: 'BE' }, { id: 'FR' }] });
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

  test('every edge says how it is known: the passage as an object with the quote at its offsets, the rule, or the reference', async () => {
    const PROVENANCE = `query ($id: ID!) {
      neighbourhood(id: $id, depth: 2, limit: 500) {
        edges { source target type provenance {
          basis rule ruleDescription quote quoteStart quoteEnd passage { id section text } document { id } reference { id url }
        } }
      }
    }`;
    type Provenance = {
      basis: string; rule: string | null; ruleDescription: string | null; quote: string | null; quoteStart: number | null; quoteEnd: number | null;
      passage: { id: string; section: string; text: string } | null; document: { id: string } | null; reference: { id: string; url: string } | null;
    };
    type Edges = { neighbourhood: { edges: { source: string; target: string; type: string; provenance: Provenance }[] } };
    const { neighbourhood } = dataOf(await server.query<Edges>(PROVENANCE, { id: 'quadripartite-council' }));
    const bases = new Set<string>();
    for (const { source, type, target, provenance } of neighbourhood.edges) {
      const what = `${source} -[${type}]-> ${target}`;
      bases.add(provenance.basis);
      if (provenance.basis === 'EXTERNAL') {
        expect(provenance.reference?.url, what).toEqual(expect.any(String));
        expect(provenance.passage, what).toBeNull();
        continue;
      }
      expect(provenance.document?.id, what).toBe('val-duchesse-ii-2018');
      expect(provenance.passage!.text.slice(provenance.quoteStart!, provenance.quoteEnd!), what).toBe(provenance.quote);
      expect(provenance.rule === null, what).toBe(provenance.basis === 'TEXT');
      expect(provenance.ruleDescription === null, what).toBe(provenance.basis === 'TEXT');
    }
    // Around the council: its members (TEXT), the justice ministers' offices (INFERENCE by PAIR_ORDER).
    expect(bases).toEqual(new Set(['TEXT', 'INFERENCE']));
    expect(neighbourhood.edges).toContainEqual(
      expect.objectContaining({
        source: 'es-ministry-of-justice',
        type: 'MEMBER_OF',
        target: 'quadripartite-council',
        provenance: expect.objectContaining({ basis: 'TEXT', passage: expect.objectContaining({ id: 'val-duchesse-ii-2018#p15', section: 'In counter-terrorism matters' }) }),
      }),
    );
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
    timeline(from: $from, to: $to) { id name kind date endDate dateText dateBasis inferred dateRule yearInferred concerns { id type name } }
  }`;
  type Entry = {
    id: string;
    date: string;
    dateText: string | null;
    dateBasis: string;
    inferred: boolean;
    dateRule: string | null;
    yearInferred: boolean;
    concerns: GraphNode[];
  };

  test('events come in date order, each saying whether its date is stated or inferred', async () => {
    const { timeline } = dataOf(await server.query<{ timeline: Entry[] }>(TIMELINE));
    expect(timeline.length).toBeGreaterThan(5);
    const dates = timeline.map((entry) => entry.date);
    expect(dates).toEqual([...dates].sort());
    // Inferred means inferred: by a rule from the text, or the year from an external source's context; never a date a reference states.
    for (const entry of timeline) {
      expect(entry.inferred, entry.id).toBe(['YEAR_INFERRED', 'APPROXIMATE'].includes(entry.dateBasis) || entry.yearInferred);
      expect(entry.dateRule !== null, entry.id).toBe(['YEAR_INFERRED', 'APPROXIMATE'].includes(entry.dateBasis));
    }
    const byId = new Map(timeline.map((entry) => [entry.id, entry]));
    expect(byId.get('joint-statement-2016-publication')).toMatchObject({ date: '2016-02-01', dateText: '1 February 2016', dateBasis: 'STATED', inferred: false });
    expect(byId.get('eu-pnr-entry-into-force-2018')).toMatchObject({
      date: '2018-05-25',
      dateText: '25 May',
      dateBasis: 'YEAR_INFERRED',
      inferred: true,
      dateRule: 'YEAR_FROM_DOCUMENT_DATE',
      concerns: [{ id: 'pnr', type: 'Instrument', name: 'EU PNR Directive' }],
    });
    // A date a reference states in full is external, not inferred: the meeting's, and the GDPR's date of application.
    expect(byId.get('val-duchesse-ii-meeting')).toMatchObject({ date: '2018-06-11', dateBasis: 'EXTERNAL', inferred: false, dateRule: null });
    expect(byId.get('gdpr-application')).toMatchObject({ date: '2018-05-25', dateBasis: 'EXTERNAL', inferred: false, yearInferred: false });
    // A source that left the year implicit: the year is an inference, but by no rule of the text.
    expect(byId.get('eev-reg-adoption-council')).toMatchObject({ date: '2023-06-27', dateBasis: 'EXTERNAL', inferred: true, dateRule: null, yearInferred: true });
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

describe('search explains itself', () => {
  // Lifecycle references whose titles name the "République française" match too; France is the first country.
  test('"Republique", typed without its accent, finds France first among countries, with the alias that matched', async () => {
    const { hits } = dataOf(await searchResult({ text: 'Republique' })).search;
    const countries = hits.filter((hit) => hit.type === 'Country');
    expect(countries[0]).toMatchObject({ type: 'Country', id: 'FR', field: 'aliases', snippet: 'République française' });
    expect(countries[0]!.highlights).toEqual([{ start: 0, length: 'République'.length }]);
  });

  test('case and accents do not matter either way: "république FRANÇAISE" is an exact alias, score 1', async () => {
    const { hits } = dataOf(await searchResult({ text: 'republique FRANCAISE' })).search;
    expect(hits[0]).toMatchObject({ id: 'FR', score: 1 });
  });

  test('"passenger name" requires both words: PNR things come first, nothing that only says "named"', async () => {
    const { hits } = dataOf(await searchResult({ text: 'passenger name' })).search;
    expect(hits.slice(0, 3).map((hit) => hit.id).sort()).toEqual(['celex-32016l0681', 'pnr', 'rail-pnr']);
    for (const hit of hits) {
      const shown = hit.highlights.map((h) => hit.snippet.slice(h.start, h.start + h.length).toLowerCase());
      expect(shown.some((word) => word === 'passenger'), `${hit.id}: ${hit.snippet}`).toBe(true);
    }
  });

  test('ANY_WORD also returns nodes with only some of the words, ranked below those with all', async () => {
    const all = dataOf(await searchResult({ text: 'passenger name', limit: 100 })).search;
    const any = dataOf(await searchResult({ text: 'passenger name', match: 'ANY_WORD', limit: 100 })).search;
    expect(any.total).toBeGreaterThan(all.total);
    expect(any.hits.slice(0, 3).map((hit) => hit.id).sort()).toEqual(['celex-32016l0681', 'pnr', 'rail-pnr']);
  });

  test('a quoted phrase matches only the words in that order', async () => {
    const phrase = dataOf(await searchResult({ text: '"name passenger"' })).search;
    expect(phrase.total).toBe(0);
    expect(dataOf(await searchResult({ text: '"passenger name"' })).search.total).toBeGreaterThan(0);
  });

  test('the last word matches as a prefix, as the user types', async () => {
    // Many names start with "Europ" (lifecycle references among them): ask for enough hits to reach Europol.
    const { hits } = dataOf(await searchResult({ text: 'Europ', limit: 100 })).search;
    expect(hits.map((hit) => hit.id)).toContain('europol');
  });

  test('scores lie between 0 and 1, highest first, and mean the same in two searches', async () => {
    for (const text of ['PNR', 'Europol', 'radicalised prisoners']) {
      const { hits } = dataOf(await searchResult({ text })).search;
      expect(hits.length).toBeGreaterThan(0);
      const scores = hits.map((hit) => hit.score);
      expect(scores).toEqual([...scores].sort((a, b) => b - a));
      for (const score of scores) expect(score >= 0 && score <= 1).toBe(true);
    }
    // An exact name is 1 in any search.
    expect(dataOf(await searchResult({ text: 'Europol' })).search.hits[0]!.score).toBe(1);
    expect(dataOf(await searchResult({ text: 'EU PNR Directive' })).search.hits[0]!.score).toBe(1);
  });

  test('a commitment hit brings the passage that states it and its quote', async () => {
    const { hits } = dataOf(await searchResult({ text: 'radicalised prisoners', types: ['Commitment'] })).search;
    const hit = hits.find((candidate) => candidate.id === 'c-sis-reporting-radicalised-prisoners')!;
    expect(hit.passage).toMatchObject({ id: 'val-duchesse-ii-2018#p19', section: 'In the fight against violent radicalisation', order: 19 });
    expect(hit.passage.text).toContain(hit.passage.quote);
  });

  test('a passage hit is its own passage, quoting the sentence that matched', async () => {
    const { hits } = dataOf(await searchResult({ text: 'radicalised prisoners', types: ['Passage'] })).search;
    expect(hits[0]!.type).toBe('Passage');
    expect(hits[0]!.passage.id).toBe(hits[0]!.id);
    expect(hits[0]!.passage.text).toContain(hits[0]!.passage.quote);
    expect(hits[0]!.passage.quote.toLowerCase()).toContain('radicalised');
  });

  test('facets count the hits of every type, whatever types asks for', async () => {
    const all = dataOf(await searchResult({ text: 'PNR', limit: 100 })).search;
    const only = dataOf(await searchResult({ text: 'PNR', types: ['Instrument'] })).search;
    expect(only.facets).toEqual(all.facets);
    expect(all.facets.reduce((sum, facet) => sum + facet.count, 0)).toBe(all.total);
    expect(only.total).toBe(all.facets.find((facet) => facet.type === 'Instrument')!.count);
  });

  test('each hit is the node itself: its fields and relationships in the same request', async () => {
    const response = await server.query<{ search: { hits: { id: string; node: any }[] } }>(
      `query ($text: String!) { search(text: $text, limit: 5) { hits { id node {
        __typename
        ... on Instrument { kind status concernedByConnection { totalCount } }
        ... on Topic { commitments(limit: 1) { id } }
        ...Named
      } } } }
      fragment Named on NamedNode { name }`,
      { text: 'PNR' },
    );
    const { hits } = dataOf(response).search;
    expect(hits[0]).toEqual({
      id: 'pnr',
      node: { __typename: 'Instrument', kind: 'DIRECTIVE', status: expect.any(String), concernedByConnection: { totalCount: expect.any(Number) }, name: 'EU PNR Directive' },
    });
    for (const hit of hits) expect(hit.node.name).toEqual(expect.any(String));
  });

  test('the stop words the search leaves out are the index analyser\'s', async () => {
    const { records } = await server.db.driver.executeQuery(
      'CALL db.index.fulltext.listAvailableAnalyzers() YIELD analyzer, stopwords WHERE analyzer = $name RETURN stopwords',
      { name: SEARCH_ANALYZER },
      { database: server.db.database },
    );
    expect([...(records[0]!.get('stopwords') as string[])].sort()).toEqual([...SEARCH_STOP_WORDS].sort());
  });

  test('a text of stop words only finds nothing, without an error', async () => {
    expect(dataOf(await searchResult({ text: 'the' })).search).toEqual({ total: 0, facets: [], hits: [] });
  });
});

describe('commitmentCounts', () => {
  const COUNTS = `query Counts($by: CommitmentGroup!, $where: CommitmentWhere, $all: Boolean) {
    commitmentCounts(by: $by, where: $where, countNearDuplicates: $all) { by total buckets { key label count } }
  }`;
  type Counts = { commitmentCounts: { by: string; total: number; buckets: { key: string; label: string; count: number }[] } };
  const counts = async (variables: Record<string, unknown>) => dataOf(await server.query<Counts>(COUNTS, variables)).commitmentCounts;
  const listed = async (where: Record<string, unknown>) =>
    dataOf(await server.query<{ commitmentsConnection: { totalCount: number } }>('query ($where: CommitmentWhere) { commitmentsConnection(where: $where) { totalCount } }', { where }))
      .commitmentsConnection.totalCount;

  test('per modality: the buckets add up to the total, which counts the near-duplicate once', async () => {
    const byModality = await counts({ by: 'MODALITY' });
    const all = await listed({});
    expect(byModality.total).toBe(all - 1);
    expect(byModality.buckets.reduce((sum, bucket) => sum + bucket.count, 0)).toBe(byModality.total);
    expect((await counts({ by: 'MODALITY', all: true })).total).toBe(all);
  });

  test.each(['SECTION', 'PARTY', 'TOPIC', 'INSTRUMENT', 'ORGANISATION', 'HAS_DEADLINE', 'NOVELTY'])('per %s: every bucket counts what the list query finds', async (by) => {
    const result = await counts({ by, all: true });
    expect(result.buckets.length).toBeGreaterThan(0);
    const checks: Record<string, (key: string) => Record<string, unknown>> = {
      SECTION: (key) => ({ section: { eq: key } }),
      PARTY: (key) => ({ parties: { some: { id: { eq: key } } } }),
      TOPIC: (key) => ({ topics: { some: { id: { eq: key } } } }),
      INSTRUMENT: (key) => ({ concerns: { some: { Instrument: { id: { eq: key } } } } }),
      ORGANISATION: (key) => ({ OR: [{ concerns: { some: { Organisation: { id: { eq: key } } } } }, { involves: { some: { Organisation: { id: { eq: key } } } } }] }),
      HAS_DEADLINE: (key) => ({ hasDeadline: { eq: key === 'true' } }),
      NOVELTY: (key) => ({ novelty: { eq: key } }),
    };
    for (const bucket of result.buckets.filter((candidate) => candidate.key !== '(none)').slice(0, 4)) {
      expect(bucket.count, `${by} ${bucket.key}`).toBe(await listed(checks[by]!(bucket.key)));
    }
  });

  test('where narrows the counted commitments exactly as in the list query', async () => {
    const where = { parties: { some: { id: { eq: 'BE' } } }, modality: { eq: 'ACT' } };
    const result = await counts({ by: 'TOPIC', where, all: true });
    expect(result.total).toBe(await listed(where));
    expect(result.total).toBeGreaterThan(0);
  });

  test('hasDeadline filters the list queries and agrees with the HAS_DEADLINE count', async () => {
    const byDeadline = await counts({ by: 'HAS_DEADLINE', all: true });
    const withDeadline = await listed({ hasDeadline: { eq: true } });
    expect(withDeadline).toBeGreaterThan(0);
    expect(byDeadline.buckets.find((bucket) => bucket.key === 'true')?.count).toBe(withDeadline);
  });

  test('party buckets are labelled with the country names', async () => {
    const byParty = await counts({ by: 'PARTY' });
    expect(byParty.buckets.map((bucket) => bucket.label)).toEqual(expect.arrayContaining(['France', 'Belgium']));
  });
});

describe('paths', () => {
  const PATHS = `query Paths($from: ID!, $to: ID!, $k: Int, $maxLength: Int, $excludeTypes: [NodeType!], $excludeIds: [ID!], $via: PathVia) {
    paths(from: $from, to: $to, k: $k, maxLength: $maxLength, excludeTypes: $excludeTypes, excludeIds: $excludeIds, via: $via) {
      nodes { id type name }
      edges { source target type }
    }
  }`;
  type Paths = { paths: { nodes: GraphNode[]; edges: GraphEdge[] }[] };
  const paths = async (variables: Record<string, unknown>) => dataOf(await server.query<Paths>(PATHS, variables)).paths;
  const inner = (path: { nodes: GraphNode[] }) => path.nodes.slice(1, -1);

  test('up to k alternatives, shortest first, all different, the first one the path query\'s', async () => {
    const found = await paths({ from: 'jan-jambon', to: 'europol', k: 3 });
    expect(found).toHaveLength(3);
    const lengths = found.map((path) => path.edges.length);
    expect(lengths).toEqual([...lengths].sort((a, b) => a - b));
    expect(new Set(found.map((path) => JSON.stringify(path))).size).toBe(3);
    const single = dataOf(await server.query<{ path: unknown }>(`{ path(from: "jan-jambon", to: "europol") { nodes { id type name } edges { source target type } } }`)).path;
    expect(found[0]).toEqual(single);
  });

  test('excludeIds avoids a hub: no path passes through it', async () => {
    const hub = inner((await paths({ from: 'jan-jambon', to: 'europol', k: 1 }))[0]!)[0]!.id;
    const around = await paths({ from: 'jan-jambon', to: 'europol', k: 3, excludeIds: [hub] });
    expect(around.length).toBeGreaterThan(0);
    for (const path of around) expect(path.nodes.map((node) => node.id)).not.toContain(hub);
  });

  test('excludeTypes avoids every node of those types', async () => {
    const around = await paths({ from: 'jan-jambon', to: 'europol', k: 3, excludeTypes: ['Event', 'Country'] });
    for (const path of around) for (const node of inner(path)) expect(['Event', 'Country']).not.toContain(node.type);
  });

  test('via COMMITMENTS passes through commitments only', async () => {
    const found = await paths({ from: 'FR', to: 'europol', via: 'COMMITMENTS', k: 3 });
    expect(found.length).toBeGreaterThan(0);
    for (const path of found) for (const node of inner(path)) expect(node.type).toBe('Commitment');
  });

  test('no path within maxLength is an empty list', async () => {
    expect(await paths({ from: 'jan-jambon', to: 'europol', maxLength: 2 })).toEqual([]);
  });

  test.each([
    [{ from: 'atlantis', to: 'europol' }, 'NOT_FOUND'],
    [{ from: 'FR', to: 'BE', k: 0 }, 'BAD_USER_INPUT'],
    [{ from: 'FR', to: 'BE', k: 11 }, 'BAD_USER_INPUT'],
  ])('%o is %s', async (variables, code) => {
    expect(errorOf(await server.query(PATHS, variables)).code).toBe(code);
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
