import { describe, expect, test } from 'vitest';
import {
  adoptedOn,
  appliedOn,
  commitmentOutcome,
  daysBetween,
  instrumentOutcome,
  statusOn,
  type InstrumentFacts,
  type StatusPoint,
} from '../../../src/graph/lifecycle.ts';

// The rule of docs/follow-through.md, one table row per test.
const regulation: InstrumentFacts = { isInformationSystem: false, hasApplicationStep: false };
const system: InstrumentFacts = { isInformationSystem: true, hasApplicationStep: false };
const laterApplication: InstrumentFacts = { isInformationSystem: false, hasApplicationStep: true };

const etias: StatusPoint[] = [
  { date: '2016-11-16', status: 'PROPOSED', stepId: 'etias-proposal' },
  { date: '2018-04-25', status: 'AGREED', stepId: 'etias-political-agreement' },
  { date: '2018-09-12', status: 'ADOPTED', stepId: 'etias-adoption-signature' },
  { date: '2018-10-09', status: 'IN_FORCE', stepId: 'etias-entry-into-force' },
];

describe('status on a date', () => {
  test('is the status set by the last step on or before the date', () => {
    expect(statusOn(etias, '2018-06-11')?.status).toBe('AGREED');
    expect(statusOn(etias, '2018-09-12')?.status).toBe('ADOPTED');
    expect(statusOn(etias, '2026-12-01')?.status).toBe('IN_FORCE');
  });

  test('is undefined before the first step', () => {
    expect(statusOn(etias, '2010-01-01')).toBeUndefined();
  });

  test('does not depend on the order the steps are given in', () => {
    expect(statusOn([...etias].reverse(), '2018-06-11')?.stepId).toBe('etias-political-agreement');
  });
});

describe('instrument outcome', () => {
  test.each([
    [undefined, regulation, 'PENDING'],
    ['PROPOSED', regulation, 'PENDING'],
    ['AGREED', regulation, 'PENDING'],
    ['ADOPTED', regulation, 'PARTLY'],
    ['IN_FORCE', regulation, 'ACHIEVED'],
    ['IN_FORCE', system, 'PARTLY'],
    ['IN_FORCE', laterApplication, 'PARTLY'],
    ['APPLICABLE', laterApplication, 'ACHIEVED'],
    ['IN_OPERATION', system, 'ACHIEVED'],
    ['SUPERSEDED', regulation, 'SUPERSEDED'],
    ['REPEALED', regulation, 'SUPERSEDED'],
    ['WITHDRAWN', regulation, 'DROPPED'],
    ['ANNULLED', regulation, 'DROPPED'],
  ] as const)('%s (%o) is %s', (status, facts, outcome) => {
    expect(instrumentOutcome(status, facts)).toBe(outcome);
  });
});

describe('adoption and application dates', () => {
  test('adoption is the first date the status is ADOPTED or later, up to asOf', () => {
    expect(adoptedOn(etias, '2026-12-01')).toBe('2018-09-12');
    expect(adoptedOn(etias, '2018-06-11')).toBeUndefined();
  });

  test('an information system in force but not operating has not applied', () => {
    expect(appliedOn(etias, '2026-12-01', system)).toBeUndefined();
  });

  test('a regulation without an application step applies from its entry into force', () => {
    expect(appliedOn(etias, '2026-12-01', regulation)).toBe('2018-10-09');
  });

  test('days are counted from the statement, negative before it', () => {
    expect(daysBetween('2018-06-11', '2018-09-12')).toBe(93);
    expect(daysBetween('2018-06-11', '2017-11-30')).toBe(-193);
    expect(daysBetween('2018-06-11', '2023-07-12')).toBe(1857);
  });
});

describe('commitment outcome', () => {
  test.each([
    [[], 'PENDING'],
    [['DROPPED', 'DROPPED'], 'DROPPED'],
    [['SUPERSEDED'], 'SUPERSEDED'],
    [['ACHIEVED', 'SUPERSEDED'], 'ACHIEVED'],
    [['PENDING', 'DROPPED'], 'PENDING'],
    [['ACHIEVED', 'PENDING'], 'PARTLY'],
    [['SUPERSEDED', 'ACHIEVED', 'PARTLY', 'ACHIEVED'], 'PARTLY'],
  ] as const)('%o gives %s', (outcomes, outcome) => {
    expect(commitmentOutcome(outcomes)).toBe(outcome);
  });
});
