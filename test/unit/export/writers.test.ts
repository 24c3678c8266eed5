import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { writeCsvDirectory, ADMIN_IMPORT_SCRIPT } from '../../../src/export/csv.ts';
import { MANIFEST_FILE, type CsvManifest } from '../../../src/formats/csv/csv-manifest.ts';
import { writeCypherScript } from '../../../src/export/cypher-script.ts';
import { writeGraphml } from '../../../src/export/graphml.ts';
import { writeJson, writeJsonLines } from '../../../src/export/json.ts';
import { memoryDirectory, memorySink } from '../../../src/io/sink.ts';
import { splitCypherScript } from '../../../src/import/split-cypher.ts';
import { parseCsvHeader } from '../../../src/formats/csv/csv-header.ts';
import { fixtureGraph } from './fixture-graph.ts';
import neo4j from 'neo4j-driver';

async function* once(text: string) {
  yield text;
}

describe('writeCypherScript', () => {
  it('writes constraints first, then node batches, then relationship batches matched by key label', async () => {
    const sink = memorySink();
    await writeCypherScript(fixtureGraph().source, sink, { batchSize: 500 });
    const statements = [];
    for await (const s of splitCypherScript(once(sink.text()))) statements.push(s.text);
    expect(statements[0]).toMatch(/^CREATE CONSTRAINT `Country_id` IF NOT EXISTS/);
    expect(statements[1]).toBe('CALL db.awaitIndexes(300)');
    expect(statements[2]).toMatch(/CREATE \(n:`Country`:`Entity`\) SET n = row$/);
    expect(statements[2]).toContain('`population`: 68000000, `ratio`: 1.0');
    expect(statements[3]).toContain("`date`: date('2018-05-29')");
    expect(statements[3]).toContain('`tags`: [1, 2]');
    const rels = statements.slice(4);
    expect(rels).toHaveLength(2);
    expect(rels.join('\n')).toContain('MATCH (a:`Event` {id: row.s})\nMATCH (b:`Country` {id: row.e})\nCREATE (a)-[r:`OCCURRED_IN`]->(b)');
  });

  it('splits a label set into batches of the given size', async () => {
    const sink = memorySink();
    await writeCypherScript(fixtureGraph().source, sink, { batchSize: 1 });
    const creates = sink.text().match(/CREATE \(n:`Country`:`Entity`\)/g) ?? [];
    expect(creates).toHaveLength(2);
  });
});

describe('writeCsvDirectory', () => {
  it('writes neo4j-admin headers: id:ID, :LABEL and typed columns, one file per label set and type', async () => {
    const dir = memoryDirectory();
    await writeCsvDirectory(fixtureGraph().source, dir);
    expect(dir.files).toEqual([
      'nodes_Country_Entity.csv',
      'nodes_Event.csv',
      'relationships_NEIGHBOUR_OF.csv',
      'relationships_OCCURRED_IN.csv',
      MANIFEST_FILE,
      ADMIN_IMPORT_SCRIPT,
    ]);
    const [countryHeader] = dir.text('nodes_Country_Entity.csv').split('\n');
    expect(countryHeader).toBe('id:ID,:LABEL,aliases:string[],name:string,population:long,ratio:double');
    const [eventHeader] = dir.text('nodes_Event.csv').split('\n');
    expect(eventHeader).toBe('id:ID,:LABEL,confirmed:boolean,date:date,name:string,tags:long[]');
    expect(dir.text('relationships_OCCURRED_IN.csv').split('\n')[0]).toBe(':START_ID,:END_ID,:TYPE,quote:string,weight:double');
    for (const file of dir.files.filter((f) => f.endsWith('.csv'))) {
      expect(() => parseCsvHeader(dir.text(file).split('\n')[0]?.split(',') ?? [], file)).not.toThrow();
    }
  });

  it('joins lists with the array delimiter and tells an empty list ("") from an absent property (nothing)', async () => {
    const dir = memoryDirectory();
    await writeCsvDirectory(fixtureGraph().source, dir);
    const rows = parse(dir.text('nodes_Country_Entity.csv'), { from_line: 2 }) as string[][];
    expect(rows[0]).toEqual(['FR', 'Country;Entity', 'French Republic;République française', 'France', '68000000', '1.0']);
    expect(dir.text('nodes_Country_Entity.csv')).toContain('BE,Country;Entity,"",Belgium,11600000,0.25');
    const events = parse(dir.text('nodes_Event.csv'), { from_line: 2 }) as string[][];
    expect(events[0]).toEqual(['liege#2018', 'Event', 'true', '2018-05-29', 'Liège "attack", 29 May;\nline two', '1;2']);
  });

  it('refuses a list element that contains the array delimiter', async () => {
    const graph = fixtureGraph();
    (graph.nodes[0] as { properties: Record<string, unknown> }).properties.aliases = ['a;b'];
    await expect(writeCsvDirectory(graph.source, memoryDirectory())).rejects.toThrow(/array delimiter/);
  });

  it('lists the files, schema and delimiter in the manifest', async () => {
    const dir = memoryDirectory();
    await writeCsvDirectory(fixtureGraph().source, dir, { arrayDelimiter: '|' });
    const manifest = JSON.parse(dir.text(MANIFEST_FILE)) as CsvManifest;
    expect(manifest.arrayDelimiter).toBe('|');
    expect(manifest.nodeFiles.map((f) => [f.file, f.count])).toEqual([
      ['nodes_Country_Entity.csv', 2],
      ['nodes_Event.csv', 1],
    ]);
    expect(manifest.constraints).toHaveLength(1);
    const script = dir.text(ADMIN_IMPORT_SCRIPT);
    expect(script).toContain("neo4j-admin database import full \\\n  --nodes='nodes_Country_Entity.csv'");
    expect(script).toMatch(/--relationships='relationships_OCCURRED_IN.csv' \\\n {2}--multiline-fields=true \\\n {2}--array-delimiter='\|' \\\n {2}"\$\{1:-neo4j\}"\n/);
  });
});

describe('writeGraphml', () => {
  it('declares typed keys and writes nodes and edges with escaped text', async () => {
    const sink = memorySink();
    await writeGraphml(fixtureGraph().source, sink);
    const xml = sink.text();
    expect(xml).toMatch(/<key id="n\d+" for="node" attr.name="population" attr.type="long">/);
    expect(xml).toMatch(/<key id="n\d+" for="node" attr.name="ratio" attr.type="double">/);
    expect(xml).toMatch(/<key id="n\d+" for="node" attr.name="confirmed" attr.type="boolean">/);
    expect(xml).toMatch(/<key id="e\d+" for="edge" attr.name="weight" attr.type="double">/);
    expect(xml).toContain('Liège &quot;attack&quot;, 29 May;\nline two'.replace(/&quot;/g, '"'));
    expect(xml.match(/<node /g)).toHaveLength(3);
    expect(xml.match(/<edge /g)).toHaveLength(2);
    expect(xml.trim().endsWith('</graphml>')).toBe(true);
  });

  it('uses the id as it is, so edges and properties that name a node join with it', async () => {
    const sink = memorySink();
    await writeGraphml(fixtureGraph().source, sink);
    const xml = sink.text();
    expect(xml).toContain('<node id="liege#2018">');
    expect(xml).toContain('<edge id="e0" source="liege#2018" target="BE">');
    expect(xml).not.toMatch(/attr.name="id"/);
  });

  it('gives every node a label, a type and its labels, and every edge a label and a type', async () => {
    const sink = memorySink();
    await writeGraphml(fixtureGraph().source, sink);
    const xml = sink.text();
    const france = /<node id="FR">[\s\S]*?<\/node>/.exec(xml)?.[0] ?? '';
    expect(france).toContain('<data key="n_label">France</data>');
    expect(france).toContain('<data key="n_type">Country</data>');
    expect(france).toContain('<data key="n_labels">Country;Entity</data>');
    expect(france).toContain('French Republic;République française</data>');
    const edge = /<edge id="e0"[\s\S]*?<\/edge>/.exec(xml)?.[0] ?? '';
    expect(edge).toContain('<data key="e_label">OCCURRED_IN</data>');
    expect(edge).toContain('<data key="e_type">OCCURRED_IN</data>');
  });
});

describe('writeJson and writeJsonLines', () => {
  it('writes one parseable document with meta, nodes and relationships', async () => {
    const sink = memorySink();
    await writeJson(fixtureGraph().source, sink);
    const doc = JSON.parse(sink.text());
    expect(doc.nodes).toHaveLength(3);
    expect(doc.relationships).toHaveLength(2);
    expect(doc.nodes[2].properties.date).toBe('2018-05-29');
    expect(doc.meta.nodeTypes[1].properties.date).toBe('date');
    expect(doc.meta.nodeTypes[0].properties.population).toBe('integer');
    expect(doc.relationships[0]).toEqual({ type: 'OCCURRED_IN', start: 'liege#2018', end: 'BE', properties: { quote: "it's in Liège", weight: 2.5 } });
  });

  it('writes one JSON object per line', async () => {
    const sink = memorySink();
    await writeJsonLines(fixtureGraph().source, sink);
    const lines = sink.text().trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.kind)).toEqual(['meta', 'node', 'node', 'node', 'relationship', 'relationship']);
    expect(lines[1].properties.population).toBe(68000000);
  });

  it('writes integers beyond 2^53 as strings rather than rounding them', async () => {
    const graph = fixtureGraph();
    (graph.nodes[0] as { properties: Record<string, unknown> }).properties.population = neo4j.int('9007199254740993');
    const sink = memorySink();
    await writeJsonLines(graph.source, sink);
    expect(JSON.parse(sink.text().split('\n')[1] ?? '').properties.population).toBe('9007199254740993');
  });
});
