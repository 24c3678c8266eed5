import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { todayIso } from '../../../src/graph/lifecycle.ts';
import { dataOf, errorOf } from './expect-graphql.ts';
import { serveSeededGraph, type SeededServer } from './serve-seeded-graph.ts';

// Issue 11's "done when" questions, each in one request over real HTTP against the seeded Neo4j,
// and the lifecycle queries' errors.
let server: SeededServer;
beforeAll(async () => {
  server = await serveSeededGraph();
});
afterAll(async () => {
  await server?.close();
});

interface Source {
  referenceId: string;
  url: string | null;
  quote: string;
  primary: boolean;
}
interface Step {
  id: string;
  kind: string;
  date: string;
  status: string | null;
  sources: Source[];
}

const STATUS = `{
  then: instrumentStatus(id: "etias", on: "2018-06-11") {
    on status since statusAtStatement step { id kind stage sources { referenceId url quote primary } }
  }
  now: instrumentStatus(id: "etias") { on status since step { id kind sources { referenceId url quote } } }
}`;

describe('"what was the status of ETIAS on 11 June 2018, and today"', () => {
  test('answers both in one request, each with the step and its quoted source', async () => {
    const { then, now } = dataOf<{ then: any; now: any }>(await server.query(STATUS));
    expect(then).toMatchObject({ on: '2018-06-11', status: 'AGREED', since: '2018-04-25', statusAtStatement: 'AGREED' });
    expect(then.step).toMatchObject({ id: 'etias-political-agreement', kind: 'POLITICAL_AGREEMENT', stage: 'COREPER_CONFIRMATION' });
    expect(then.step.sources[0]).toMatchObject({ referenceId: 'council-etias-2018-04-25', primary: true });
    expect(then.step.sources[0].quote).toContain('On 25 April, EU ambassadors confirmed an agreement');
    expect(now).toMatchObject({ on: todayIso(), status: 'IN_FORCE', since: '2018-10-09' });
    expect(now.step.sources.map((source: Source) => source.url)).toEqual(expect.arrayContaining([expect.stringMatching(/^https?:\/\//)]));
  });

  test('a date before the first step has no status; an unknown instrument is NOT_FOUND', async () => {
    const { instrumentStatus } = dataOf<{ instrumentStatus: any }>(await server.query('{ instrumentStatus(id: "etias", on: "2000-01-01") { status since step { id } } }'));
    expect(instrumentStatus).toEqual({ status: null, since: null, step: null });
    expect(errorOf(await server.query('{ instrumentStatus(id: "no-such-instrument") { status } }')).code).toBe('NOT_FOUND');
  });

  test('a malformed date is refused by the Date scalar', async () => {
    const response = await server.query('{ instrumentStatus(id: "etias", on: "2018-02-30") { status } }');
    expect(response.errors?.[0]?.message).toMatch(/calendar date/);
  });
});

const FOLLOW_THROUGH = `{
  followThrough(asOf: "2026-12-01", sort: DAYS_TO_ADOPTION) {
    commitment { id name } quote passageId statementDate outcome daysToAdoption daysToApplication
    instruments {
      instrument { id } status outcome adopted applied daysToAdoption daysToApplication successors { id name }
      stepsAfterStatement { id kind date daysAfterStatement sources { referenceId url quote } }
    }
  }
}`;

describe('"which European-level asks became law, when, and how long after"', () => {
  test('one request lists every ask with its outcome, dates, delays and each step with its quoted sources', async () => {
    const { followThrough } = dataOf<{ followThrough: any[] }>(await server.query(FOLLOW_THROUGH));
    const byId = new Map(followThrough.map((row) => [row.commitment.id, row]));
    expect([...byId.keys()].sort()).toEqual([
      'c-back-external-border-checks',
      'c-converging-stances-jha-council',
      'c-effective-ct-instruments-data-protection',
      'c-rail-pnr',
      'c-strengthen-explosives-sales-checks',
      'c-support-explosives-precursors-proposal',
      'c-swift-agreement-e-evidence',
    ]);
    const eEvidence = byId.get('c-swift-agreement-e-evidence');
    expect(eEvidence).toMatchObject({ outcome: 'ACHIEVED', statementDate: '2018-06-11', daysToAdoption: 1857, daysToApplication: 2990 });
    const regulation = eEvidence.instruments.find((row: any) => row.instrument.id === 'e-evidence-regulation-proposal');
    expect(regulation).toMatchObject({ status: 'APPLICABLE', adopted: '2023-07-12', applied: '2026-08-18' });
    expect(regulation.successors).toEqual([{ id: 'regulation-2023-1543', name: expect.stringContaining('2023/1543') }]);
    expect(regulation.stepsAfterStatement.length).toBeGreaterThan(0);
    for (const step of regulation.stepsAfterStatement as Step[]) {
      expect(step.date > '2018-06-11').toBe(true);
      expect(step.sources.length, step.id).toBeGreaterThan(0);
      for (const source of step.sources) expect(source, step.id).toMatchObject({ url: expect.stringMatching(/^https?:\/\//), quote: expect.any(String) });
    }
    const adoption = (regulation.stepsAfterStatement as Step[]).find((step) => step.id === 'eev-reg-adoption-signature');
    expect(adoption?.sources.map((source) => source.referenceId)).toContain('celex-32023r1543');
    expect(byId.get('c-support-explosives-precursors-proposal')).toMatchObject({ outcome: 'ACHIEVED', daysToAdoption: 374, daysToApplication: 966 });
    // ETIAS is in force but not operating: the border ask is only partly met.
    const borders = byId.get('c-back-external-border-checks');
    expect(borders).toMatchObject({ outcome: 'PARTLY', daysToApplication: null });
    expect(borders.instruments.find((row: any) => row.instrument.id === 'etias')).toMatchObject({ status: 'IN_FORCE', outcome: 'PARTLY', daysToAdoption: 93 });
    expect(borders.instruments.find((row: any) => row.instrument.id === 'ebcg-regulation-2016')).toMatchObject({
      outcome: 'SUPERSEDED',
      successors: [{ id: 'regulation-2019-1896', name: expect.any(String) }],
    });
    // Sorted by delay to adoption, unknown delays last.
    const delays = followThrough.map((row) => row.daysToAdoption);
    const known = delays.filter((days) => days !== null);
    expect(known).toEqual([...known].sort((a, b) => a - b));
    expect(delays.slice(known.length).every((days) => days === null)).toBe(true);
  });

  test('sorted by outcome, the order is ACHIEVED, PARTLY, PENDING, DROPPED, SUPERSEDED', async () => {
    const { followThrough } = dataOf<{ followThrough: { outcome: string }[] }>(
      await server.query('{ followThrough(asOf: "2026-12-01") { outcome } }'),
    );
    const order = ['ACHIEVED', 'PARTLY', 'PENDING', 'DROPPED', 'SUPERSEDED'];
    const ranks = followThrough.map((row) => order.indexOf(row.outcome));
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
  });

  test('on the statement’s day nothing it asked for was achieved yet that was not already there', async () => {
    const { followThrough } = dataOf<{ followThrough: { commitment: { id: string }; outcome: string }[] }>(
      await server.query('{ followThrough(asOf: "2018-06-11") { commitment { id } outcome } }'),
    );
    const outcome = (id: string) => followThrough.find((row) => row.commitment.id === id)?.outcome;
    expect(outcome('c-swift-agreement-e-evidence')).toBe('PENDING');
    expect(outcome('c-support-explosives-precursors-proposal')).toBe('PENDING');
  });
});

const GDPR = `{
  disagreements(where: { instrument: { some: { id: { eq: "gdpr" } } } }) {
    id verdict explanation
    claimConnection { edges { properties { documentId passageId quote } node { id date dateText dateBasis } } }
    externalSourcesConnection { edges { properties { quote } node { id url sourceKind } } }
    comparedWith(sort: [{ date: ASC }]) {
      id kind date
      externalSourcesConnection { edges { properties { quote primary } node { url sourceKind } } }
    }
  }
}`;

describe('"what does the text claim about GDPR\'s 25 May, and what does the law say"', () => {
  test('both answers side by side in one request, each with its source', async () => {
    const { disagreements } = dataOf<{ disagreements: any[] }>(await server.query(GDPR));
    expect(disagreements).toHaveLength(1);
    const [gdpr] = disagreements;
    expect(gdpr).toMatchObject({ id: 'gdpr-entry-into-force-25-may', verdict: 'TERMINOLOGY' });
    // The text's claim, untouched, with its passage and quote.
    expect(gdpr.claimConnection.edges).toEqual([
      {
        properties: {
          documentId: 'val-duchesse-ii-2018',
          passageId: 'val-duchesse-ii-2018#p29',
          quote: 'the entry into force on 25 May of the new General Data Protection Regulation (GDPR)',
        },
        node: { id: 'gdpr-entry-into-force-2018', date: '2018-05-25', dateText: '25 May', dateBasis: 'YEAR_INFERRED' },
      },
    ]);
    // The sources: entry into force on 24 May 2016, application from 25 May 2018.
    expect(gdpr.comparedWith.map((step: any) => [step.kind, step.date])).toEqual([
      ['ENTRY_INTO_FORCE', '2016-05-24'],
      ['APPLICATION', '2018-05-25'],
    ]);
    for (const step of gdpr.comparedWith) {
      expect(step.externalSourcesConnection.edges.length).toBeGreaterThan(0);
      for (const edge of step.externalSourcesConnection.edges) {
        expect(edge.node.url).toMatch(/^https?:\/\//);
        expect(edge.properties.quote.length).toBeGreaterThan(10);
      }
    }
    const quotes = gdpr.externalSourcesConnection.edges.map((edge: any) => edge.properties.quote);
    expect(quotes).toEqual(
      expect.arrayContaining([
        'entered into force May 24th, 2016',
        'It shall apply from 25 May 2018.',
        // Article 99, both paragraphs, from a copy of the Regulation's text (no EUR-Lex page quoting it was found).
        '1. This Regulation shall enter into force on the twentieth day following that of its publication in the Official Journal of the European Union.',
        '2. It shall apply from 25 May 2018.',
      ]),
    );
  });
});

describe('a court ruling in an instrument history', () => {
  test('C-817/19 on the PNR Directive keeps its verdict as a quote with its reference', async () => {
    const { instrumentHistory } = dataOf<{ instrumentHistory: any[] }>(
      await server.query('{ instrumentHistory(id: "pnr") { id kind date ruling { referenceId url sourceKind quote primary } } }'),
    );
    const judgment = instrumentHistory.find((step) => step.id === 'cjeu-c-817-19-judgment');
    expect(judgment).toMatchObject({ kind: 'COURT_RULING', date: '2022-06-21' });
    expect(judgment.ruling).toMatchObject({ referenceId: 'eucrim-c-817-19', url: expect.stringMatching(/^https:\/\/eucrim\.eu\//), primary: false });
    expect(judgment.ruling.quote).toContain('upheld the EU’s regime to collect and use records of travellers');
    // Other steps have no ruling.
    expect(instrumentHistory.filter((step) => step.ruling !== null).map((step) => step.id)).toEqual(['cjeu-c-817-19-judgment']);
  });
});

describe('history and status changes', () => {
  test('an instrument’s history spans before and after the statement, in date order', async () => {
    const { instrumentHistory } = dataOf<{ instrumentHistory: Step[] & { daysAfterStatement: number }[] }>(
      await server.query('{ instrumentHistory(id: "ees") { id kind date status daysAfterStatement sources { url quote } } }'),
    );
    const dates = instrumentHistory.map((step) => step.date);
    expect(dates).toEqual([...dates].sort());
    expect(dates[0]! < '2018-06-11').toBe(true);
    expect(dates.at(-1)! > '2025-01-01').toBe(true);
    expect(instrumentHistory.find((step) => step.id === 'ees-start-of-operations')).toMatchObject({ status: 'IN_OPERATION', daysAfterStatement: 2680 });
  });

  test('statusChanges lists the instruments whose status changed in a period, each with its step', async () => {
    const { statusChanges } = dataOf<{ statusChanges: any[] }>(
      await server.query('{ statusChanges(from: "2018-06-12", to: "2019-12-31") { instrument { id } date from to step { id } } }'),
    );
    expect(statusChanges).toContainEqual({ instrument: { id: 'etias' }, date: '2018-09-12', from: 'AGREED', to: 'ADOPTED', step: { id: 'etias-adoption-signature' } });
    expect(statusChanges).toContainEqual({
      instrument: { id: 'ebcg-regulation-2016' },
      date: '2019-12-04',
      from: 'IN_FORCE',
      to: 'SUPERSEDED',
      step: { id: 'ebcg-repeal' },
    });
    expect(statusChanges.every((change) => change.date >= '2018-06-12' && change.date <= '2019-12-31')).toBe(true);
    expect(statusChanges.every((change) => change.from !== change.to)).toBe(true);
  });

  test('statusChanges refuses a period that ends before it starts', async () => {
    expect(errorOf(await server.query('{ statusChanges(from: "2020-01-01", to: "2019-01-01") { date } }')).code).toBe('BAD_USER_INPUT');
  });

  test('the timeline spans the whole history and tells the text’s events from external ones', async () => {
    const { timeline } = dataOf<{ timeline: { id: string; date: string; basis: string }[] }>(await server.query('{ timeline { id date basis } }'));
    expect(timeline[0]!.date < '2010-01-01').toBe(true);
    expect(timeline.at(-1)!.date > '2025-01-01').toBe(true);
    expect(timeline.find((entry) => entry.id === 'etias-adoption-2018')?.basis).toBe('TEXT');
    expect(timeline.find((entry) => entry.id === 'etias-adoption-signature')?.basis).toBe('EXTERNAL');
  });

  test('the document links the meetings of its series, each dated and sourced', async () => {
    const { documents } = dataOf<{ documents: any[] }>(
      await server.query(`{ documents { seriesMeetingsConnection(sort: [{ node: { date: ASC } }, { node: { id: ASC } }]) {
        edges { properties { series ordinal referenceId quote } node { id kind date endDate place } } } } }`),
    );
    const edges = documents[0].seriesMeetingsConnection.edges;
    expect(edges.map((edge: any) => [edge.properties.series, edge.properties.ordinal, edge.node.id])).toEqual([
      ['Val Duchesse', 1, 'val-duchesse-i-2016'],
      ['Val Duchesse', null, 'fr-be-heads-of-government-2017-10-16'],
      ['No Money For Terror', 1, 'no-money-for-terror-conference-2018'],
      ['Val Duchesse', 2, 'val-duchesse-ii-meeting'],
      ['No Money For Terror', 2, 'no-money-for-terror-melbourne-2019'],
      ['Val Duchesse', 3, 'val-duchesse-iii-2021'],
      ['No Money For Terror', 3, 'no-money-for-terror-new-delhi-2022'],
      ['Val Duchesse', 4, 'val-duchesse-iv-2023'],
    ]);
    for (const edge of edges) {
      expect(edge.properties.referenceId).toBeTruthy();
      expect(edge.properties.quote).toBeTruthy();
    }
    const delhi = edges.find((edge: any) => edge.node.id === 'no-money-for-terror-new-delhi-2022');
    expect(delhi.node).toMatchObject({ kind: 'CONFERENCE', date: '2022-11-18', endDate: '2022-11-19', place: 'New Delhi' });
  });
});
