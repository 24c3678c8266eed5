import neo4j from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { canonicalNode, canonicalRelationship, canonicalValue, combineDigests, MultisetHash } from '../../../src/graph/checksum.ts';

describe('canonicalValue', () => {
  it('tells Integer from Float and Date from String', () => {
    expect(canonicalValue(neo4j.int(1))).not.toBe(canonicalValue(1));
    expect(canonicalValue(new neo4j.types.Date(2018, 6, 11))).not.toBe(canonicalValue('2018-06-11'));
    expect(canonicalValue([neo4j.int(1)])).not.toBe(canonicalValue([1]));
  });

  it('gives equal values equal text, however the driver built them', () => {
    expect(canonicalValue(neo4j.int(42))).toBe(canonicalValue(42n));
    expect(canonicalValue(new neo4j.types.Date(2018, 6, 11))).toBe(canonicalValue(new neo4j.types.Date(neo4j.int(2018), neo4j.int(6), neo4j.int(11))));
  });
});

describe('canonicalNode', () => {
  it('ignores label order, property order and internal labels and properties', () => {
    const a = canonicalNode(['Entity', 'Country', '_Seed'], { name: 'France', id: 'FR', _seedKey: 'x' });
    const b = canonicalNode(['Country', 'Entity'], { id: 'FR', name: 'France' });
    expect(a).toBe(b);
  });

  it('can treat empty lists as absent, for comparisons with neo4j-admin imports', () => {
    expect(canonicalNode(['A'], { id: 'a', aliases: [] })).not.toBe(canonicalNode(['A'], { id: 'a' }));
    expect(canonicalNode(['A'], { id: 'a', aliases: [] }, { ignoreEmptyLists: true })).toBe(canonicalNode(['A'], { id: 'a' }));
  });
});

describe('MultisetHash', () => {
  it('does not depend on the order elements arrive in', () => {
    const one = new MultisetHash();
    const two = new MultisetHash();
    for (const text of ['a', 'b', 'c']) one.add(text);
    for (const text of ['c', 'a', 'b']) two.add(text);
    expect(one.digest()).toBe(two.digest());
  });

  it('counts duplicates: two copies differ from one', () => {
    const one = new MultisetHash();
    const two = new MultisetHash();
    one.add('a');
    two.add('a');
    two.add('a');
    expect(combineDigests(one, new MultisetHash())).not.toBe(combineDigests(two, new MultisetHash()));
  });

  it('changes when one relationship property changes type', () => {
    const rel = (weight: unknown) => {
      const hash = new MultisetHash();
      hash.add(canonicalRelationship('R', 'a', 'b', { weight }));
      return hash.digest();
    };
    expect(rel(neo4j.int(2))).not.toBe(rel(2));
  });
});
