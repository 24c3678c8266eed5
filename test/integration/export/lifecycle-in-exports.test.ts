/**
 * The lifecycle facts leave the graph like any other fact: a step, the status it set for its
 * instrument, and the Reference with the quoted sentence behind it are in the GraphML, the
 * neo4j-admin CSV and the JSON exports of the seeded graph, read back with ordinary parsers.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { convert } from 'xmlbuilder2';
import { exportGraph } from '../../../src/export/export-graph.ts';
import type { ExportFormat } from '../../../src/export/export-formats.ts';
import { silentLogger } from '../../../src/logger.ts';
import { DEFAULT_SEED_DIR, readSeed } from '../../../src/seeding/read-seed.ts';
import { loadSeed } from '../../../src/store/load-seed.ts';
import { connectTestDatabase, type TestDatabase } from '../../support/database.ts';
import { wipeDatabase } from './support.ts';

let testDb: TestDatabase;
let dir: string;

beforeAll(async () => {
  testDb = await connectTestDatabase();
  dir = await mkdtemp(path.join(os.tmpdir(), 'entente-lifecycle-export-'));
  await wipeDatabase(testDb.driver, testDb.database);
  await loadSeed(testDb, silentLogger, await readSeed(DEFAULT_SEED_DIR, { logger: silentLogger }));
}, 120_000);

afterAll(async () => {
  await wipeDatabase(testDb.driver, testDb.database);
  await testDb.close();
  await rm(dir, { recursive: true, force: true });
});

async function exportTo(format: ExportFormat, out: string): Promise<string> {
  await exportGraph({ driver: testDb.driver, database: testDb.database, format, out, logger: silentLogger });
  return out;
}

/** GDPR's date of application: an external step, its status, and the Article 99 quote it cites. */
const STEP = 'gdpr-application';
const REFERENCE = 'proteuscyber-gdpr-art99';
const QUOTE = '2. It shall apply from 25 May 2018.';

interface Fact {
  type: string;
  start: string;
  end: string;
  properties: Record<string, unknown>;
}

function expectLifecycleFacts(nodes: Map<string, Record<string, unknown>>, facts: Fact[]): void {
  expect(nodes.get(STEP)).toMatchObject({ kind: 'APPLICATION', dateBasis: 'EXTERNAL', celex: '32016R0679' });
  expect(String(nodes.get(STEP)?.date)).toContain('2018-05-25');
  expect(nodes.get(REFERENCE)).toMatchObject({ url: 'https://proteuscyber.com/privacy-database/gdpr-article-99-entry-into-force-and-application', sourceKind: 'LEGISLATION_MIRROR' });
  const stepOf = facts.find((fact) => fact.type === 'STEP_OF' && fact.start === STEP && fact.end === 'gdpr');
  expect(stepOf?.properties).toMatchObject({ basis: 'EXTERNAL', status: 'APPLICABLE', role: 'SELF', referenceId: 'mgsi-lu-gdpr-eif' });
  const cited = facts.find((fact) => fact.type === 'EXTERNAL_SOURCE' && fact.start === STEP && fact.end === REFERENCE);
  expect(cited?.properties).toMatchObject({ basis: 'EXTERNAL', quote: QUOTE });
  // The court's verdict travels as a property of its step, with its own source.
  expect(String(nodes.get('cjeu-c-817-19-judgment')?.ruling)).toContain('upheld the EU’s regime');
  expect(facts.some((fact) => fact.type === 'EXTERNAL_SOURCE' && fact.start === 'cjeu-c-817-19-judgment' && fact.end === 'eucrim-c-817-19')).toBe(true);
}

describe('lifecycle facts in the exports', () => {
  it('JSON: the step, its STEP_OF with the status and the quoted reference', { timeout: 120_000 }, async () => {
    const file = await exportTo('json', path.join(dir, 'graph.json'));
    const json = JSON.parse(await readFile(file, 'utf8')) as {
      nodes: { id: string; properties: Record<string, unknown> }[];
      relationships: Fact[];
    };
    expectLifecycleFacts(new Map(json.nodes.map((node) => [node.id, node.properties])), json.relationships);
  });

  it('neo4j-admin CSV: the same facts in the node and relationship files', { timeout: 120_000 }, async () => {
    const out = await exportTo('csv', path.join(dir, 'csv'));
    const nodes = new Map<string, Record<string, unknown>>();
    const facts: Fact[] = [];
    for (const name of (await readdir(out)).filter((file) => file.endsWith('.csv'))) {
      const rows = parseCsv(await readFile(path.join(out, name), 'utf8'), { columns: true }) as Record<string, string>[];
      // Headers carry neo4j-admin types (`date:date`); the property is the part before the colon.
      const plain = (row: Record<string, string>) =>
        Object.fromEntries(Object.entries(row).filter(([key]) => !key.startsWith(':') && key !== 'id:ID').map(([key, value]) => [key.split(':')[0]!, value]));
      for (const row of rows) {
        if ('id:ID' in row) nodes.set(row['id:ID']!, plain(row));
        else if (':START_ID' in row) facts.push({ type: row[':TYPE']!, start: row[':START_ID']!, end: row[':END_ID']!, properties: plain(row) });
      }
    }
    expectLifecycleFacts(nodes, facts);
  });

  it('GraphML: the same facts as node and edge data', { timeout: 120_000 }, async () => {
    const file = await exportTo('graphml', path.join(dir, 'graph.graphml'));
    type Data = { '@key': string; '#': string } | { '@key': string; '#': string }[] | undefined;
    type Element = { '@id': string; '@source'?: string; '@target'?: string; data?: Data };
    const doc = convert(await readFile(file, 'utf8'), { format: 'object' }) as unknown as {
      graphml: { key: { '@id': string; '@attr.name': string }[]; graph: { node: Element[]; edge: Element[] } };
    };
    const names = new Map(doc.graphml.key.map((key) => [key['@id'], key['@attr.name']]));
    const values = (element: Element): Record<string, unknown> => {
      const data = element.data === undefined ? [] : Array.isArray(element.data) ? element.data : [element.data];
      return Object.fromEntries(data.map((entry) => [names.get(entry['@key'])!, entry['#']]));
    };
    const nodes = new Map(doc.graphml.graph.node.map((node) => [node['@id'], values(node)]));
    const facts = doc.graphml.graph.edge.map((edge) => {
      const properties = values(edge);
      return { type: String(properties['type'] ?? properties['label']), start: edge['@source']!, end: edge['@target']!, properties };
    });
    expectLifecycleFacts(nodes, facts);
  });
});
