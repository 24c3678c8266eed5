import neo4j, { Date as Neo4jDate } from 'neo4j-driver';
import { describe, expect, it } from 'vitest';
import { AppError, ErrorCode } from '../../../src/errors.ts';
import { planDate, type GraphPlan } from '../../../src/graph/graph-plan.ts';
import { assertPlanWritable, diffGraph, isEmptyDiff, type GraphState } from '../../../src/store/diff-graph.ts';
import { comparableProperties, toNeo4jDate, toStoredProperties } from '../../../src/store/plan-values.ts';

const plan = (): GraphPlan => ({
  nodes: [
    { id: 'FR', label: 'Country', properties: { name: 'France', aliases: ['French Republic'] } },
    { id: 'doc#p01', label: 'Passage', properties: { order: 1, text: 'France met.' } },
    { id: 'ev', label: 'Event', properties: { name: 'Meeting', date: planDate('2018-06-11'), endDate: null } },
  ],
  relationships: [{ type: 'MENTIONED_IN', from: 'FR', to: 'doc#p01', key: 'France', properties: { quote: 'France' } }],
});

/** The state Neo4j would hold after writing `plan()`, as the driver returns it. */
const storedState = (): GraphState => ({
  nodes: [
    { elementId: 'e1', id: 'FR', labels: ['Country', 'Entity', '_Seed'], properties: { id: 'FR', name: 'France', aliases: ['French Republic'] } },
    { elementId: 'e2', id: 'doc#p01', labels: ['_Seed', 'Source', 'Passage'], properties: { id: 'doc#p01', order: neo4j.int(1), text: 'France met.' } },
    { elementId: 'e3', id: 'ev', labels: ['Event', 'Entity', '_Seed'], properties: { name: 'Meeting', id: 'ev', date: new Neo4jDate(neo4j.int(2018), neo4j.int(6), neo4j.int(11)) } },
  ],
  relationships: [
    { elementId: 'r1', from: 'FR', type: 'MENTIONED_IN', key: 'France', to: 'doc#p01', properties: { quote: 'France', _seedKey: 'France' } },
  ],
});

describe('diffGraph', () => {
  it('finds nothing to do when the stored graph equals the plan', () => {
    expect(isEmptyDiff(diffGraph(storedState(), plan()))).toBe(true);
  });

  it('creates everything in an empty database', () => {
    const diff = diffGraph({ nodes: [], relationships: [] }, plan());
    expect(diff.createNodes.map((node) => node.id)).toEqual(['FR', 'doc#p01', 'ev']);
    expect(diff.createRelationships).toHaveLength(1);
    expect(diff.createRelationships[0]?.properties).toEqual({ quote: 'France', _seedKey: 'France' });
  });

  it('updates a node whose stored property has another type than planned', () => {
    const state = storedState();
    const passage = state.nodes[1];
    if (passage) passage.properties.order = 1.5;
    const diff = diffGraph(state, plan());
    expect(diff.updateNodes.map((node) => [node.id, node.elementId])).toEqual([['doc#p01', 'e2']]);
  });

  it('updates a node that has a property the plan dropped', () => {
    const state = storedState();
    const country = state.nodes[0];
    if (country) country.properties.description = 'old';
    expect(diffGraph(state, plan()).updateNodes.map((node) => node.id)).toEqual(['FR']);
  });

  it('relabels a node whose primary label changed and ignores labels the store does not manage', () => {
    const state = storedState();
    state.nodes[0]?.labels.push('Highlighted');
    const changed = plan();
    const fr = changed.nodes[0];
    if (fr) fr.label = 'Place';
    const diff = diffGraph(state, changed);
    expect(diff.relabelNodes).toEqual([{ elementId: 'e1', id: 'FR', label: 'Place' }]);
    expect(diff.updateNodes).toEqual([]);
  });

  it('deletes nodes and relationships the plan no longer has', () => {
    const changed = plan();
    changed.nodes = changed.nodes.filter((node) => node.id !== 'ev');
    changed.relationships = [];
    const diff = diffGraph(storedState(), changed);
    expect(diff.deleteNodes).toEqual([{ elementId: 'e3', id: 'ev', label: 'Event' }]);
    expect(diff.deleteRelationships.map((rel) => rel.elementId)).toEqual(['r1']);
  });

  it('tells relationships apart by key: a new key is a new relationship, the old one goes', () => {
    const changed = plan();
    const rel = changed.relationships[0];
    if (rel) rel.key = 'France again';
    const diff = diffGraph(storedState(), changed);
    expect(diff.createRelationships.map((r) => r.key)).toEqual(['France again']);
    expect(diff.deleteRelationships.map((r) => r.key)).toEqual(['France']);
  });
});

describe('assertPlanWritable', () => {
  it('lists every problem at once', () => {
    const bad = plan();
    bad.nodes.push({ id: 'FR', label: 'Country', properties: {} });
    bad.nodes.push({ id: 'x', label: 'Unicorn' as never, properties: { _secret: 'no' } });
    bad.relationships.push({ type: 'MENTIONED_IN', from: 'FR', to: 'nowhere', key: '', properties: {} });
    const error = (() => {
      try {
        assertPlanWritable(bad);
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(ErrorCode.SEED_INVALID);
    const reasons = ((error as AppError).details.problems as { reason: string }[]).map((problem) => problem.reason);
    expect(reasons).toEqual([
      'duplicate node id',
      'unknown label Unicorn',
      'property names starting with _ are reserved for the store',
      'no node nowhere in the plan',
    ]);
  });
});

describe('plan values', () => {
  it('stores whole numbers as Integers, other numbers as floats and drops nulls', () => {
    const stored = toStoredProperties({ order: 3, ratio: 0.5, gone: null, tags: ['a', 'b'] }, 'n');
    expect(neo4j.isInt(stored.order)).toBe(true);
    expect(stored.ratio).toBe(0.5);
    expect('gone' in stored).toBe(false);
    expect(stored.tags).toEqual(['a', 'b']);
  });

  it('converts plan dates to Neo4j Dates and refuses impossible ones', () => {
    expect(toNeo4jDate('2018-06-11', 'x').toString()).toBe('2018-06-11');
    expect(() => toNeo4jDate('2018-02-30', 'x')).toThrow(/not a valid YYYY-MM-DD date/);
    expect(() => toNeo4jDate('11/06/2018', 'x')).toThrow(AppError);
  });

  it('refuses lists that mix types', () => {
    expect(() => toStoredProperties({ aliases: ['a', 1] }, 'node x')).toThrow(/node x.aliases mixes string and integer/);
  });

  it('gives the same canonical text to a plan map and the map read back, in any key order', () => {
    const written = toStoredProperties({ b: 1, a: planDate('2020-01-02') }, 'n');
    const readBack = { a: new Neo4jDate(neo4j.int(2020), neo4j.int(1), neo4j.int(2)), b: neo4j.int(1) };
    expect(comparableProperties(readBack)).toBe(comparableProperties(written));
    expect(comparableProperties({ b: '1' })).not.toBe(comparableProperties({ b: neo4j.int(1) }));
  });
});
