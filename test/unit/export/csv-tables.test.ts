import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { EDGES_CSV, NODES_CSV, writeCsvTables } from '../../../src/export/csv-tables.ts';
import { memoryDirectory } from '../../../src/io/sink.ts';
import { tableLayout } from '../../../src/export/table-layout.ts';
import { fixtureGraph } from './fixture-graph.ts';

describe('tableLayout', () => {
  it('puts the fixed columns first, then every property once under its own name', () => {
    const layout = tableLayout(fixtureGraph().source.schema);
    expect(layout.nodes.map((c) => c.name)).toEqual(['id', 'type', 'label', 'labels', 'aliases', 'confirmed', 'date', 'name', 'population', 'ratio', 'tags']);
    expect(layout.edges.map((c) => c.name)).toEqual(['source', 'target', 'type', 'quote', 'weight']);
  });

  it('renames a property called like a fixed column instead of dropping it', () => {
    const { schema } = fixtureGraph().source;
    const group = schema.relationshipGroups[1];
    group?.properties.push({ name: 'type', type: { scalar: 'string', list: false } });
    expect(tableLayout(schema).edges.map((c) => c.name)).toContain('property_type');
  });
});

describe('writeCsvTables', () => {
  it('writes nodes.csv and edges.csv with plain cells: numbers, booleans, ISO dates, lists joined by ;', async () => {
    const dir = memoryDirectory();
    await writeCsvTables(fixtureGraph().source, dir);
    expect(dir.files).toEqual([NODES_CSV, EDGES_CSV]);
    const nodes = parse(dir.text(NODES_CSV), { columns: true }) as Record<string, string>[];
    expect(nodes[0]).toMatchObject({ id: 'FR', type: 'Country', label: 'France', labels: 'Country;Entity', aliases: 'French Republic;République française', population: '68000000', ratio: '1.0', date: '' });
    expect(nodes[2]).toMatchObject({ id: 'liege#2018', type: 'Event', date: '2018-05-29', confirmed: 'true', tags: '1;2', name: 'Liège "attack", 29 May;\nline two' });
    const edges = parse(dir.text(EDGES_CSV), { columns: true }) as Record<string, string>[];
    expect(edges[0]).toEqual({ source: 'liege#2018', target: 'BE', type: 'OCCURRED_IN', quote: "it's in Liège", weight: '2.5' });
    expect(edges[1]).toEqual({ source: 'FR', target: 'BE', type: 'NEIGHBOUR_OF', quote: '', weight: '' });
  });
});
