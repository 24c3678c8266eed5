import { describe, expect, it } from 'vitest';
import { addDays, describeDelay, formatDate } from '../../../web/src/components/dates.ts';

describe('explorer dates', () => {
  it('writes a day or, for a month-precise step, only the month', () => {
    expect(formatDate('2018-09-12')).toBe('12 September 2018');
    expect(formatDate('2019-06-01', 'MONTH')).toBe('June 2019');
  });

  it('finds the statement day back from a step and its distance', () => {
    expect(addDays('2018-09-12', -93)).toBe('2018-06-11');
    expect(addDays('2018-06-11', 1857)).toBe('2023-07-12');
  });

  it('says a delay in words, before or after', () => {
    expect(describeDelay(0)).toBe('the same day');
    expect(describeDelay(24)).toBe('24 days after');
    expect(describeDelay(-47)).toBe('47 days before');
    expect(describeDelay(374)).toBe('12 months after');
    expect(describeDelay(1857)).toBe('5 years 1 month after');
    expect(describeDelay(-775)).toBe('2 years 1 month before');
  });
});
