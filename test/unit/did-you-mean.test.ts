import { describe, expect, it } from 'vitest';
import { closestNames, didYouMean } from '../../src/did-you-mean.ts';

const LABELS = ['Commitment', 'Country', 'Document', 'Entity', 'Event', 'Instrument', 'Organisation', 'Passage', 'Person', 'Place', 'Reference', 'Source', 'Topic'];

describe('closestNames', () => {
  it('finds a name in another case first', () => {
    expect(closestNames('commitment', LABELS)).toEqual(['Commitment']);
  });
  it('finds a name a typo away: a missing, an extra or two swapped letters', () => {
    expect(closestNames('Comitment', LABELS)).toEqual(['Commitment']);
    expect(closestNames('Countryy', LABELS)).toEqual(['Country']);
    expect(closestNames('Orgnaisation', LABELS)).toEqual(['Organisation']);
  });
  it('suggests nothing for a word far from every name', () => {
    expect(closestNames('Zebra', LABELS)).toEqual([]);
    expect(didYouMean('Zebra', LABELS)).toBeUndefined();
  });
  it('lists several close names, best first', () => {
    expect(didYouMean('Plac', LABELS)).toBe('Did you mean Place?');
    expect(didYouMean('PARTYTO', ['PARTY_TO', 'PART_OF'])).toBe('Did you mean PARTY_TO?');
    expect(didYouMean('PART', ['PARTY_TO', 'PART_OF', 'ON_TOPIC'])).toBe('Did you mean PARTY_TO or PART_OF?');
  });
});
