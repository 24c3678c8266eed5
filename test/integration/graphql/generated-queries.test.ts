import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { dataOf, errorOf } from './expect-graphql.ts';
import { serveSeededGraph, type GraphqlResponse, type SeededServer } from './serve-seeded-graph.ts';

// The generated (@neo4j/graphql) queries over real HTTP, against the real seed.
let server: SeededServer;
beforeAll(async () => {
  server = await serveSeededGraph();
});
afterAll(async () => {
  await server?.close();
});

type Edge<P, N> = { properties: P; node: N };
type ConnectionPage = {
  commitmentsConnection: { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string | null }; edges: { node: { id: string } }[] };
};

describe('attendance and offices', () => {
  test('the meeting was attended by the two prime ministers and four ministers, each with the office held', async () => {
    const data = dataOf<{
      events: { attendees: { name: string; officesConnection: { edges: Edge<{ title: string; asOf: string; quote: string }, { name: string }>[] } }[] }[];
    }>(
      await server.query(`{
        events(where: { id: { eq: "val-duchesse-ii-meeting" } }) {
          attendees(sort: [{ name: ASC }]) {
            name
            officesConnection { edges { properties { title asOf quote } node { name } } }
          }
        }
      }`),
    );
    expect(data.events).toHaveLength(1);
    const offices = data.events[0]!.attendees.map((person) => {
      const [office] = person.officesConnection.edges;
      return [person.name, office?.properties.title, office?.node.name, office?.properties.asOf];
    });
    // Neo4j sorts by code point: É comes after the ASCII letters.
    expect(offices).toEqual([
      ['Charles Michel', 'Prime Minister', 'Government of Belgium', '2018-06-11'],
      ['Gérard Collomb', 'Minister of the Interior', 'French Ministry of the Interior', '2018-06-11'],
      ['Jan Jambon', 'Minister of the Interior', 'Belgian Ministry of the Interior', '2018-06-11'],
      ['Koen Geens', 'Minister of Justice', 'Belgian Ministry of Justice', '2018-06-11'],
      ['Nicole Belloubet', 'Minister of Justice', 'French Ministry of Justice', '2018-06-11'],
      ['Édouard Philippe', 'Prime Minister', 'Government of France', '2018-06-11'],
    ]);
    for (const person of data.events[0]!.attendees) {
      expect(person.officesConnection.edges[0]!.properties.quote).toContain(person.name);
    }
  });
});

describe('instruments', () => {
  test('instruments carry their status as of the statement and the dated events concerning them', async () => {
    const data = dataOf<{ instruments: { id: string; status: string; statusAsOf: string; events: { date: string; dateText: string; dateBasis: string; inferred: boolean }[] }[] }>(
      await server.query(`{
        instruments(where: { id: { in: ["pnr", "ees", "etias"] } }, sort: [{ id: ASC }]) {
          id status statusAsOf events { date dateText dateBasis inferred }
        }
      }`),
    );
    expect(data.instruments).toEqual([
      { id: 'ees', status: 'ESTABLISHED', statusAsOf: '2018-06-11', events: [{ date: '2017-11-30', dateText: '30 November 2017', dateBasis: 'STATED', inferred: false }] },
      { id: 'etias', status: 'AGREED', statusAsOf: '2018-06-11', events: [{ date: '2018-04-25', dateText: '25 April', dateBasis: 'YEAR_INFERRED', inferred: true }] },
      { id: 'pnr', status: 'IN_FORCE', statusAsOf: '2018-06-11', events: [{ date: '2018-05-25', dateText: '25 May', dateBasis: 'YEAR_INFERRED', inferred: true }] },
    ]);
  });
});

describe('commitments', () => {
  test('every commitment has France and Belgium as parties, with the quote that makes them parties', async () => {
    const data = dataOf<{
      all: { totalCount: number };
      withoutFrance: { totalCount: number };
      withoutBelgium: { totalCount: number };
      commitments: { partiesConnection: { edges: Edge<{ role: string; quote: string; passageId: string }, { id: string }>[] } }[];
    }>(
      await server.query(`{
        all: commitmentsConnection { totalCount }
        withoutFrance: commitmentsConnection(where: { NOT: { parties: { some: { id: { eq: "FR" } } } } }) { totalCount }
        withoutBelgium: commitmentsConnection(where: { NOT: { parties: { some: { id: { eq: "BE" } } } } }) { totalCount }
        commitments(where: { id: { eq: "c-sis-reporting-radicalised-prisoners" } }) {
          partiesConnection(sort: [{ node: { id: ASC } }]) { edges { properties { role quote passageId } node { id } } }
        }
      }`),
    );
    expect(data.all.totalCount).toBeGreaterThan(30);
    expect(data.withoutFrance.totalCount).toBe(0);
    expect(data.withoutBelgium.totalCount).toBe(0);
    expect(data.commitments[0]!.partiesConnection.edges).toEqual([
      { properties: { role: 'PARTY', quote: 'France and Belgium have decided', passageId: 'val-duchesse-ii-2018#p08' }, node: { id: 'BE' } },
      { properties: { role: 'PARTY', quote: 'France and Belgium have decided', passageId: 'val-duchesse-ii-2018#p08' }, node: { id: 'FR' } },
    ]);
  });

  test('commitments on a topic: digital evidence', async () => {
    const data = dataOf<{ topics: { commitments: { id: string; modality: string }[] }[] }>(
      await server.query(`{
        topics(where: { id: { eq: "digital-evidence" } }) { commitments(sort: [{ id: ASC }]) { id modality } }
      }`),
    );
    expect(data.topics[0]!.commitments).toEqual([
      { id: 'c-converging-stances-jha-council', modality: 'ACT' },
      { id: 'c-digital-evidence-channels', modality: 'CALL_ON_OTHERS' },
      { id: 'c-eu-digital-evidence-framework', modality: 'CALL_ON_OTHERS' },
      { id: 'c-identify-smartphone-users', modality: 'ACT' },
      { id: 'c-swift-agreement-e-evidence', modality: 'CALL_ON_OTHERS' },
    ]);
  });

  test('commitments concerning an instrument: the SIS one only considers harmonising, with its verb phrase as evidence', async () => {
    const data = dataOf<{ commitments: { id: string; modality: string; verbPhrase: string; concernsConnection: { edges: Edge<{ quote: string }, { id?: string }>[] } }[] }>(
      await server.query(`{
        commitments(where: { concerns: { some: { Instrument: { id: { eq: "sis" } } } } }) {
          id modality verbPhrase
          concernsConnection(where: { Instrument: { node: { id: { eq: "sis" } } } }) {
            edges { properties { quote } node { ... on Instrument { id } } }
          }
        }
      }`),
    );
    expect(data.commitments).toEqual([
      {
        id: 'c-sis-reporting-radicalised-prisoners',
        modality: 'CONSIDER',
        verbPhrase: 'to give thought to',
        concernsConnection: { edges: [{ properties: { quote: 'Schengen Information System (SIS)' }, node: { id: 'sis' } }] },
      },
    ]);
  });

  test('commitments with a deadline, earliest first: both fall due at the end of 2018, an approximate date', async () => {
    const data = dataOf<{ commitments: { id: string; deadline: string; deadlineText: string; deadlineBasis: string }[] }>(
      await server.query(`{
        commitments(where: { deadline: { lte: "2018-12-31" } }, sort: [{ deadline: ASC }, { id: ASC }]) {
          id deadline deadlineText deadlineBasis
        }
      }`),
    );
    expect(data.commitments).toEqual([
      { id: 'c-quadripartite-council-by-year-end', deadline: '2018-12-31', deadlineText: 'by the end of the year', deadlineBasis: 'APPROXIMATE' },
      { id: 'c-returning-minors-experts-meeting', deadline: '2018-12-31', deadlineText: 'by the end of 2018', deadlineBasis: 'APPROXIMATE' },
    ]);
  });

  test('a date filter means the written calendar date, whatever the server time zone', async () => {
    const originalTz = process.env.TZ;
    process.env.TZ = 'America/New_York';
    try {
      const data = dataOf<{ commitments: { id: string }[]; timeline: { id: string }[] }>(
        await server.query(`{
          commitments(where: { deadline: { eq: "2018-12-31" } }, sort: [{ id: ASC }]) { id }
          timeline(from: "2018-05-25", to: "2018-05-25") { id }
        }`),
      );
      expect(data.commitments.map((c) => c.id)).toEqual(['c-quadripartite-council-by-year-end', 'c-returning-minors-experts-meeting']);
      expect(data.timeline.map((e) => e.id)).toEqual([
        'eu-pnr-entry-into-force-2018',
        'gdpr-application',
        'gdpr-entry-into-force-2018',
        'pnr-application-transposition',
      ]);
    } finally {
      if (originalTz === undefined) delete process.env.TZ;
    else process.env.TZ = originalTz;
    }
  });

  test('an impossible date is a validation error naming the format', async () => {
    const response = await server.query(`{ commitments(where: { deadline: { lte: "2018-02-30" } }) { id } }`);
    expect(response.status).toBe(400);
    expect(errorOf(response)).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED', message: expect.stringMatching(/YYYY-MM-DD/) });
  });

  test('partners beyond France and Belgium: Spain and Morocco (quadripartite council), the Netherlands and the UK (rail PNR)', async () => {
    const data = dataOf<{ countries: { id: string; involvedIn: { id: string }[] }[] }>(
      await server.query(`{
        countries(
          where: { involvedInConnection: { some: { edge: { role: { eq: PARTNER } } } } }
          sort: [{ id: ASC }]
        ) {
          id
          involvedIn(sort: [{ id: ASC }]) { id }
        }
      }`),
    );
    expect(data.countries).toEqual([
      { id: 'ES', involvedIn: [{ id: 'c-quadripartite-council-by-year-end' }, { id: 'c-quadripartite-council-setup' }] },
      { id: 'GB', involvedIn: [{ id: 'c-rail-pnr' }] },
      { id: 'MA', involvedIn: [{ id: 'c-quadripartite-council-by-year-end' }, { id: 'c-quadripartite-council-setup' }] },
      { id: 'NL', involvedIn: [{ id: 'c-rail-pnr' }] },
    ]);
  });

  test('filters combine: commitments where the parties call on others in the European section', async () => {
    const data = dataOf<{ commitments: { id: string; section: string; modality: string }[] }>(
      await server.query(`{
        commitments(where: { modality: { eq: CALL_ON_OTHERS }, section: { eq: "At European level" } }, sort: [{ id: ASC }]) {
          id section modality
        }
      }`),
    );
    expect(data.commitments.length).toBeGreaterThan(0);
    expect(data.commitments.map((c) => c.id)).toContain('c-rail-pnr');
    for (const commitment of data.commitments) {
      expect(commitment).toMatchObject({ section: 'At European level', modality: 'CALL_ON_OTHERS' });
    }
  });
});

describe('provenance', () => {
  test('a node links to the passages that mention it, with the quoted span', async () => {
    const data = dataOf<{ organisations: { mentionedInConnection: { edges: Edge<{ quote: string }, { id: string; text: string; document: { id: string }[] }>[] } }[] }>(
      await server.query(`{
        organisations(where: { id: { eq: "europol" } }) {
          mentionedInConnection { edges { properties { quote } node { id text document { id } } } }
        }
      }`),
    );
    const edges = data.organisations[0]!.mentionedInConnection.edges;
    expect(edges.length).toBeGreaterThan(0);
    for (const edge of edges) {
      expect(edge.node.text).toContain(edge.properties.quote);
      expect(edge.node.document).toEqual([{ id: 'val-duchesse-ii-2018' }]);
    }
  });
});

describe('the Entity interface', () => {
  test('a passage lists the entities it mentions, each as its own type, and entities queries them across types', async () => {
    const data = dataOf<{ passages: { mentions: { __typename: string; id: string }[] }[]; entities: { __typename: string; id: string }[] }>(
      await server.query(`{
        passages(where: { id: { eq: "val-duchesse-ii-2018#p19" } }) { mentions(sort: [{ id: ASC }]) { __typename id } }
        entities(where: { name: { in: ["Europol", "France"] } }, sort: [{ name: ASC }]) { __typename id }
      }`),
    );
    const mentions = data.passages[0]!.mentions;
    expect(mentions).toContainEqual({ __typename: 'Commitment', id: 'c-sis-reporting-radicalised-prisoners' });
    expect(mentions).toContainEqual({ __typename: 'Instrument', id: 'sis' });
    expect(mentions.every((mention) => !['Document', 'Passage', 'Reference'].includes(mention.__typename))).toBe(true);
    expect(data.entities).toEqual([
      { __typename: 'Organisation', id: 'europol' },
      { __typename: 'Country', id: 'FR' },
    ]);
  });
});

describe('pagination', () => {
  const allIds = async () =>
    dataOf<{ commitments: { id: string }[] }>(await server.query(`{ commitments(sort: [{ id: ASC }]) { id } }`)).commitments.map((c) => c.id);

  test('offset pagination returns the matching slice of the sorted list', async () => {
    const ids = await allIds();
    const data = dataOf<{ commitments: { id: string }[] }>(
      await server.query(`query Page($offset: Int!) { commitments(sort: [{ id: ASC }], limit: 5, offset: $offset) { id } }`, { offset: 5 }),
    );
    expect(data.commitments.map((c) => c.id)).toEqual(ids.slice(5, 10));
  });

  test('cursor pagination walks the whole list page by page without gaps or repeats', async () => {
    const ids = await allIds();
    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const response: GraphqlResponse<ConnectionPage> = await server.query<ConnectionPage>(
        `query Page($after: String) {
          commitmentsConnection(first: 10, after: $after, sort: [{ id: ASC }]) {
            totalCount pageInfo { hasNextPage endCursor } edges { node { id } }
          }
        }`,
        { after },
      );
      const page: ConnectionPage['commitmentsConnection'] = dataOf(response).commitmentsConnection;
      expect(page.totalCount).toBe(ids.length);
      seen.push(...page.edges.map((edge) => edge.node.id));
      pages += 1;
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      expect(pages).toBeLessThan(20);
    }
    expect(pages).toBe(Math.ceil(ids.length / 10));
    expect(seen).toEqual(ids);
  });
});

describe('read-only API', () => {
  test('the schema has no mutation or subscription type', async () => {
    const data = dataOf<{ __schema: { mutationType: unknown; subscriptionType: unknown } }>(
      await server.query(`{ __schema { mutationType { name } subscriptionType { name } } }`),
    );
    expect(data.__schema).toEqual({ mutationType: null, subscriptionType: null });
  });

  test('a mutation is refused as a validation error and writes nothing', async () => {
    const response = await server.query(`mutation { createCountries(input: [{ id: "XX", name: "Nowhere" }]) { info { nodesCreated } } }`);
    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errorOf(response).message).toMatch(/read-only/);
    const data = dataOf<{ countries: unknown[] }>(await server.query(`{ countries(where: { id: { eq: "XX" } }) { id } }`));
    expect(data.countries).toEqual([]);
  });

  test('a query for a field that does not exist is a validation error, not an internal one', async () => {
    const response = await server.query(`{ countries { id population } }`);
    expect(response.status).toBe(400);
    expect(errorOf(response).code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});
