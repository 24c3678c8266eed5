import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError, ErrorCode, isAppError } from '../../../src/errors.ts';
import type { GraphPlan } from '../../../src/graph/graph-plan.ts';
import { readSeed, type SeedProblem } from '../../../src/seeding/read-seed.ts';

const fixture = (name: string) => fileURLToPath(new URL(`../../fixtures/seeding/${name}`, import.meta.url));

describe('lifecycle files, valid', () => {
  let plan: GraphPlan;
  beforeAll(async () => {
    plan = (await readSeed(fixture('lifecycle-valid'))).plan;
  });
  const node = (id: string) => plan.nodes.find((candidate) => candidate.id === id);
  const rels = (type: string, from?: string) => plan.relationships.filter((rel) => rel.type === type && (from === undefined || rel.from === from));

  it('makes each step an external Event, STEP_OF each instrument with the status it set and its primary source', () => {
    expect(node('mini-adoption')).toMatchObject({ label: 'Event', properties: { kind: 'ADOPTION', dateBasis: 'EXTERNAL', datePrecision: 'DAY' } });
    expect(rels('STEP_OF', 'mini-adoption').map((rel) => [rel.to, rel.properties.status, rel.properties.role, rel.properties.referenceId])).toEqual([
      ['mini-proposal', 'ADOPTED', 'SUCCESSOR', 'mini-journal'],
      ['mini-act', 'ADOPTED', 'SELF', 'mini-journal'],
    ]);
  });

  it('stores every quoted source of a step as an EXTERNAL_SOURCE, the first one primary', () => {
    expect(rels('EXTERNAL_SOURCE', 'mini-adoption').map((rel) => [rel.to, rel.properties.quote, rel.properties.primary])).toEqual([
      ['mini-journal', 'Mini Regulation (EU) 2019/1 of 1 June 2019', true],
      ['mini-law', 'adopted on 1 June 2019', false],
    ]);
    expect(node('mini-journal')?.properties).toMatchObject({ url: 'https://example.org/journal', sourceKind: 'EUR_LEX' });
  });

  it('adds the successor act as an Instrument with its CELEX number, SUCCEEDED_BY from what it succeeds', () => {
    expect(node('mini-act')).toMatchObject({ label: 'Instrument', properties: { kind: 'REGULATION', celex: '32019R0001' } });
    expect(rels('SUCCEEDED_BY')).toEqual([
      expect.objectContaining({ from: 'mini-proposal', to: 'mini-act', properties: expect.objectContaining({ how: 'ADOPTED_AS', stepId: 'mini-adoption', referenceId: 'mini-journal' }) }),
    ]);
  });

  it('keeps the text’s claim untouched and links it, quoted from its passage, beside the source', () => {
    expect(node('mini-meeting')?.properties).toMatchObject({ date: { kind: 'date', iso: '2019-03-01' }, kind: 'MEETING' });
    expect(rels('DISPUTES')).toEqual([
      expect.objectContaining({
        from: 'mini-meeting-day',
        to: 'mini-meeting',
        properties: expect.objectContaining({ basis: 'TEXT', passageId: 'mini-statement#p01', quote: 'met today in Lille' }),
      }),
    ]);
    expect(rels('COMPARED_WITH').map((rel) => rel.to)).toEqual(['mini-adoption']);
    expect(node('mini-meeting-day')).toMatchObject({ label: 'Disagreement', properties: { verdict: 'DISAGREES' } });
  });

  it('keeps a court ruling’s outcome as its quote, sourced apart from the step’s primary source', () => {
    expect(node('mini-ruling')?.properties).toMatchObject({ kind: 'COURT_RULING', ruling: 'the Court upheld the mini act' });
    expect(rels('EXTERNAL_SOURCE', 'mini-ruling').map((rel) => [rel.to, rel.properties.fields, rel.properties.primary])).toEqual([
      ['mini-journal', ['kind', 'date', 'act', 'celex', 'STEP_OF'], true],
      ['mini-law', ['ruling'], false],
    ]);
  });

  it('gives a new meeting of a series its kind and last day', () => {
    expect(node('mini-series-1')?.properties).toMatchObject({ kind: 'CONFERENCE', endDate: { kind: 'date', iso: '2018-03-02' } });
  });

  it('links the series’ meetings to the document, adding an Event only for a meeting the seed lacks', () => {
    expect(rels('SERIES_MEETING').map((rel) => [rel.from, rel.to, rel.properties.ordinal])).toEqual([
      ['mini-statement', 'mini-series-1', 1],
      ['mini-statement', 'mini-meeting', 2],
    ]);
    expect(plan.nodes.filter((candidate) => candidate.id === 'mini-meeting')).toHaveLength(1);
  });
});

describe('lifecycle files, invalid', () => {
  let error: AppError;
  let problems: SeedProblem[];
  beforeAll(async () => {
    const thrown = await readSeed(fixture('lifecycle-invalid')).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (!isAppError(thrown)) throw new Error(`expected an AppError, got ${String(thrown)}`);
    error = thrown;
    problems = error.details['problems'] as SeedProblem[];
  });

  it('throws one SEED_INVALID listing every problem with file, record and field', () => {
    expect(error.code).toBe(ErrorCode.SEED_INVALID);
    expect(problems).toHaveLength(19);
    const elsewhere = problems.filter((problem) => problem.file !== 'lifecycle/bad.yaml');
    expect(elsewhere.map((problem) => problem.record)).toEqual(['mini-proposal']);
    expect(problems.every((problem) => problem.line !== undefined)).toBe(true);
  });

  it.each<[string, Partial<SeedProblem>]>([
    ['an unknown top-level key', { kind: 'SCHEMA', field: 'stepz' }],
    ['a source kind outside the list', { kind: 'SCHEMA', record: 'bad-kind-source', field: 'sourceKind' }],
    ['a malformed CELEX number', { kind: 'SCHEMA', record: 'act-bad-celex', field: 'celex' }],
    ['a successor named after a step of another instrument', { kind: 'INCONSISTENT', record: 'act-wrong-step', field: 'successorOf.step' }],
    ['a step of an instrument nobody defines', { kind: 'DANGLING_LINK', record: 'step-of-other', field: 'of[0].instrument' }],
    ['a step without a source', { kind: 'SCHEMA', record: 'step-no-sources', field: 'sources', reason: 'required field is missing' }],
    ['a source nobody defines', { kind: 'UNKNOWN_REFERENCE', record: 'step-unknown-reference', field: 'sources[0].reference' }],
    ['a source without a url', { kind: 'UNKNOWN_REFERENCE', record: 'step-reference-without-url', field: 'sources[0].reference' }],
    ['a step of something that is not an instrument', { kind: 'LINK_ENDPOINT', record: 'step-of-a-country', field: 'of[0].instrument' }],
    ['a month-precise date that is not the first of its month', { kind: 'INCONSISTENT', record: 'step-month-not-first', field: 'date' }],
    ['a status outside the list', { kind: 'SCHEMA', record: 'step-bad-status', field: 'of[0].status' }],
    ['an id the documents already use', { kind: 'DUPLICATE_ID', record: 'lille', field: 'id' }],
    ['a claim whose quote is not in its passage', { kind: ErrorCode.QUOTE_NOT_FOUND, record: 'claim-not-in-passage', field: 'claim.quote' }],
    ['a claim in a passage that does not exist', { kind: 'UNKNOWN_PASSAGE', record: 'claim-unknown-passage', field: 'claim.passage' }],
    ['a disagreement compared with a text event instead of a step', { kind: 'LINK_ENDPOINT', record: 'compared-with-text-event', field: 'steps[0]' }],
    ['a meeting without a date or an event', { kind: 'SCHEMA', record: 'meeting-without-date', field: 'date' }],
    ['a ruling on a step that is not a court ruling', { kind: 'INCONSISTENT', record: 'step-ruling-not-court', field: 'ruling' }],
    ['a conference that ends before it starts', { kind: 'INCONSISTENT', record: 'meeting-ends-before-it-starts', field: 'endDate' }],
    [
      'an instrument whose frozen status disagrees with its history on that day',
      { kind: 'INCONSISTENT', file: 'reference/instruments.yaml', record: 'mini-proposal', field: 'status', line: 13 },
    ],
  ])('reports %s', (_, expected) => {
    expect(problems).toContainEqual(expect.objectContaining(expected));
  });
});
