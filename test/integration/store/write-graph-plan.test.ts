import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isDate, isInt, type Driver } from 'neo4j-driver';
import { AppError, ErrorCode } from '../../../src/errors.ts';
import { planDate, type GraphPlan } from '../../../src/graph/graph-plan.ts';
import { silentLogger } from '../../../src/logger.ts';
import { ensureSchema, schemaStatements, SEARCH_ANALYZER, SEARCH_INDEX_NAME } from '../../../src/store/ensure-schema.ts';
import { needsSeeding, readLoadedSeed } from '../../../src/store/seed-meta.ts';
import { writeGraphPlan } from '../../../src/store/write-graph-plan.ts';
import { clearDatabase, connectTestDatabase, type TestDatabase } from '../../support/database.ts';
import { fullChecksum, planCounts, queryRows } from './graph-probe.ts';
import { smallPlan } from './plan-fixture.ts';

let db: TestDatabase;
let driver: Driver;
let database: string;
const logger = silentLogger;

beforeAll(async () => {
  db = await connectTestDatabase();
  ({ driver, database } = db);
  await clearDatabase(driver, database);
  await ensureSchema({ driver, database }, { logger });
});

afterAll(async () => {
  await clearDatabase(driver, database);
  await db.close();
});

beforeEach(async () => {
  await clearDatabase(driver, database);
});

const query = (cypher: string, parameters: Record<string, unknown> = {}) => queryRows(driver, database, cypher, parameters);
const checksum = () => fullChecksum(driver, database);

/** Nodes by primary label and relationships by type, internal ones (`_...`) left out. */
async function countGraph(): Promise<{ nodes: Record<string, number>; relationships: Record<string, number> }> {
  const nodes: Record<string, number> = {};
  for (const row of await query(
    "MATCH (n) WITH [l IN labels(n) WHERE NOT l STARTS WITH '_' AND NOT l IN ['Entity', 'Source']] AS ls WHERE size(ls) > 0 RETURN ls[0] AS label, count(*) AS n ORDER BY label",
  )) {
    nodes[row.label as string] = Number(row.n);
  }
  const relationships: Record<string, number> = {};
  for (const row of await query('MATCH ()-[r]->() RETURN type(r) AS type, count(*) AS n ORDER BY type')) {
    relationships[row.type as string] = Number(row.n);
  }
  return { nodes, relationships };
}



describe('ensureSchema', () => {
  it('creates nothing the second time and keeps the search index online', async () => {
    const again = await ensureSchema({ driver, database }, { logger });
    expect(again).toEqual({ created: [], replaced: [] });
    const [index] = await query('SHOW FULLTEXT INDEXES YIELD name, state WHERE name = $name RETURN state', { name: SEARCH_INDEX_NAME });
    expect(index?.state).toBe('ONLINE');
    const constraints = await query("SHOW CONSTRAINTS YIELD name WHERE name IN ['Person_id', 'Entity_id', '_Seed_id'] RETURN name");
    expect(constraints).toHaveLength(3);
  });

  it('replaces a search index whose properties are outdated', async () => {
    await query(`DROP INDEX ${SEARCH_INDEX_NAME}`);
    await query(`CREATE FULLTEXT INDEX ${SEARCH_INDEX_NAME} FOR (n:Country) ON EACH [n.name]`);
    const result = await ensureSchema({ driver, database }, { logger });
    expect(result.replaced).toEqual([SEARCH_INDEX_NAME]);
    expect(result.created).toEqual([SEARCH_INDEX_NAME]);
    const [index] = await query('SHOW FULLTEXT INDEXES YIELD name, properties WHERE name = $name RETURN properties', { name: SEARCH_INDEX_NAME });
    expect(index?.properties).toEqual(expect.arrayContaining(['name', 'aliases', 'text', 'quote']));
  });

  it('replaces a search index with the right labels and properties but another analyser (an existing database)', async () => {
    await query(`DROP INDEX ${SEARCH_INDEX_NAME}`);
    const accentSensitive = schemaStatements()
      .find((statement) => statement.name === SEARCH_INDEX_NAME)!
      .cypher.replace(SEARCH_ANALYZER, 'standard-no-stop-words');
    await query(accentSensitive);
    const result = await ensureSchema({ driver, database }, { logger });
    expect(result.replaced).toEqual([SEARCH_INDEX_NAME]);
    const [index] = await query('SHOW FULLTEXT INDEXES YIELD name, options WHERE name = $name RETURN options', { name: SEARCH_INDEX_NAME });
    expect((index?.options as { indexConfig: Record<string, unknown> }).indexConfig['fulltext.analyzer']).toBe(SEARCH_ANALYZER);
  });

  it('reports data that breaks a constraint as a QUERY_FAILED error naming the Neo4j code', async () => {
    await query('DROP CONSTRAINT Topic_id');
    try {
      await query("CREATE (:Topic {id: 'twin'}), (:Topic {id: 'twin'})");
      const failure = await ensureSchema({ driver, database }, { logger }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(AppError);
      expect((failure as AppError).code).toBe(ErrorCode.QUERY_FAILED);
      expect((failure as AppError).message).toMatch(/^Creating constraints and indexes: /);
      expect(String((failure as AppError).details.neo4jCode)).toMatch(/^Neo\.(Client|Database)Error\.Schema\./);
    } finally {
      await clearDatabase(driver, database);
      expect((await ensureSchema({ driver, database }, { logger })).created).toEqual(['Topic_id']);
    }
  });

  it('makes each element of a list property such as aliases searchable', async () => {
    await writeGraphPlan({ driver, database }, smallPlan(), { logger });
    const search = async (phrase: string) =>
      (
        await query(`CALL db.index.fulltext.queryNodes($index, $phrase) YIELD node RETURN node.id AS id`, {
          index: SEARCH_INDEX_NAME,
          phrase,
        })
      ).map((row) => row.id);
    // "République" and "Kingdom" occur only in aliases (second element, and a one-element list).
    expect(await search('République')).toEqual(['FR']);
    expect(await search('Kingdom')).toEqual(['BE']);
    expect(await search('SIS')).toContain('sis');
    expect(await search('Schengen')).toEqual(expect.arrayContaining(['sis', 'c-strengthen-sis', 'doc-1#p02']));
  });
});

describe('writeGraphPlan', () => {
  it('writes every node and relationship of the plan, with category and seed labels', async () => {
    const plan = smallPlan();
    const result = await writeGraphPlan({ driver, database }, plan, { logger, seedHash: 'hash-1' });
    expect(await countGraph()).toEqual(planCounts(plan));
    expect(result.nodes).toEqual(planCounts(plan).nodes);
    expect(result.relationships).toEqual(planCounts(plan).relationships);
    expect(result.changes.nodes).toEqual({ created: plan.nodes.length, updated: 0, deleted: 0 });
    expect(result.counters.nodesCreated).toBe(plan.nodes.length + 1); // + the meta node
    expect(result.counters.relationshipsCreated).toBe(plan.relationships.length);
    const labels = await query("MATCH (n {id: 'FR'}) RETURN labels(n) AS labels");
    expect([...(labels[0]?.labels as string[])].sort()).toEqual(['Country', 'Entity', '_Seed']);
    const passage = await query("MATCH (n {id: 'doc-1#p01'}) RETURN labels(n) AS labels");
    expect([...(passage[0]?.labels as string[])].sort()).toEqual(['Passage', 'Source', '_Seed']);
  });

  it('stores dates as Neo4j DATE, whole numbers as INTEGER and aliases as LIST<STRING>', async () => {
    await writeGraphPlan({ driver, database }, smallPlan(), { logger });
    const [row] = await query(
      `MATCH (e:Event {id: 'meeting-1'}), (p:Passage {id: 'doc-1#p01'}), (c:Country {id: 'FR'}), (d:Document {id: 'doc-1'})
       RETURN valueType(e.date) AS date, e.date AS dateValue, valueType(p.order) AS order, valueType(c.aliases) AS aliases,
              valueType(d.aliases) AS emptyAliases`,
    );
    expect(row?.date).toBe('DATE NOT NULL');
    expect(isDate(row?.dateValue)).toBe(true);
    expect(String(row?.dateValue)).toBe('2018-06-11');
    expect(row?.order).toBe('INTEGER NOT NULL');
    expect(row?.aliases).toBe('LIST<STRING NOT NULL> NOT NULL');
    expect(String(row?.emptyAliases)).toMatch(/^LIST</);
    const [passage] = await query("MATCH (p:Passage {id: 'doc-1#p02'}) RETURN p.end AS end");
    expect(isInt(passage?.end) && passage?.end.toNumber()).toBe(82);
  });

  it('keeps parallel relationships of one type apart by their key', async () => {
    await writeGraphPlan({ driver, database }, smallPlan(), { logger });
    const rows = await query("MATCH (:Commitment {id: 'c-strengthen-sis'})-[r:CONCERNS]->(:Instrument {id: 'sis'}) RETURN r.quote AS quote ORDER BY quote");
    expect(rows.map((row) => row.quote)).toEqual(['Schengen Information System', 'strengthen the Schengen']);
  });

  it('writes nothing at all when the same plan is loaded again', async () => {
    const plan = smallPlan();
    await writeGraphPlan({ driver, database }, plan, { logger, seedHash: 'hash-1' });
    const before = await checksum();
    const second = await writeGraphPlan({ driver, database }, plan, { logger, seedHash: 'hash-1' });
    expect(second.changed).toBe(false);
    expect(second.counters).toEqual({
      nodesCreated: 0,
      nodesDeleted: 0,
      relationshipsCreated: 0,
      relationshipsDeleted: 0,
      propertiesSet: 0,
      labelsAdded: 0,
      labelsRemoved: 0,
    });
    expect(second.changes.nodes).toEqual({ created: 0, updated: 0, deleted: 0 });
    expect(second.changes.relationships).toEqual({ created: 0, updated: 0, deleted: 0 });
    expect(await checksum()).toBe(before);
  });

  it('converges on a changed plan: removed nodes, relationships and properties disappear', async () => {
    await writeGraphPlan({ driver, database }, smallPlan(), { logger, seedHash: 'hash-1' });
    // Something the seed does not own must survive a re-load.
    await query("CREATE (:Note {id: 'analyst-note', text: 'kept'})");
    const changed = smallPlan();
    changed.nodes = changed.nodes.filter((node) => node.id !== 'BE');
    changed.relationships = changed.relationships.filter((rel) => rel.from !== 'BE' && rel.to !== 'BE' && rel.key !== 'doc-1#p02|strengthen the Schengen');
    const sis = changed.nodes.find((node) => node.id === 'sis');
    if (sis) sis.properties = { name: 'Schengen Information System', aliases: ['SIS', 'SIS II'] };
    changed.nodes.push({ id: 'DE', label: 'Country', properties: { name: 'Germany', aliases: [] } });
    const concerns = changed.relationships.find((rel) => rel.type === 'CONCERNS');
    if (concerns) concerns.properties = { ...concerns.properties, quote: 'Schengen Information' };

    const result = await writeGraphPlan({ driver, database }, changed, { logger, seedHash: 'hash-2' });
    expect(result.changes.nodes).toEqual({ created: 1, updated: 1, deleted: 1 });
    // BE's MENTIONED_IN and PARTY_TO, and the second CONCERNS; the first CONCERNS changed.
    expect(result.changes.relationships).toEqual({ created: 0, updated: 1, deleted: 3 });
    expect(result.counters.nodesDeleted).toBe(1);
    expect(result.counters.relationshipsDeleted).toBe(3);

    const counts = await countGraph();
    expect(counts).toEqual({ nodes: { ...planCounts(changed).nodes, Note: 1 }, relationships: planCounts(changed).relationships });
    const [row] = await query("MATCH (n:Instrument {id: 'sis'}) RETURN n.kind AS kind, n.aliases AS aliases");
    expect(row?.kind).toBeNull();
    expect(row?.aliases).toEqual(['SIS', 'SIS II']);
    expect(await query("MATCH (n {id: 'BE'}) RETURN n")).toHaveLength(0);
    expect(await query("MATCH (n:Note {id: 'analyst-note'}) RETURN n.text AS text")).toEqual([{ text: 'kept' }]);
    expect((await readLoadedSeed({ driver, database })).seedHash).toBe('hash-2');
  });

  it('moves a node to its new label when the plan reclassifies it, keeping its relationships', async () => {
    await writeGraphPlan({ driver, database }, smallPlan(), { logger });
    const plan = smallPlan();
    const sis = plan.nodes.find((node) => node.id === 'sis');
    if (sis) sis.label = 'Organisation';
    const result = await writeGraphPlan({ driver, database }, plan, { logger });
    expect(result.changes.nodes).toEqual({ created: 0, updated: 1, deleted: 0 });
    const [row] = await query("MATCH (n {id: 'sis'}) RETURN labels(n) AS labels, COUNT { (n)<-[:CONCERNS]-() } AS concerns");
    expect([...(row?.labels as string[])].sort()).toEqual(['Entity', 'Organisation', '_Seed']);
    expect(Number(row?.concerns)).toBe(2);
  });

  it('leaves the database unchanged when a statement fails mid-transaction', async () => {
    await writeGraphPlan({ driver, database }, smallPlan(), { logger, seedHash: 'hash-1' });
    // A node the seed does not own, whose id a new plan node will collide with (Entity_id).
    await query("CREATE (:Person:Entity {id: 'ghost', name: 'Not from the seed'})");
    const before = await checksum();
    const plan = smallPlan();
    plan.nodes = plan.nodes.filter((node) => node.id !== 'BE');
    plan.relationships = plan.relationships.filter((rel) => rel.from !== 'BE');
    plan.nodes.push({ id: 'DE', label: 'Country', properties: { name: 'Germany' } });
    plan.nodes.push({ id: 'ghost', label: 'Organisation', properties: { name: 'Ghost agency' } });

    const failure = await writeGraphPlan({ driver, database }, plan, { logger, seedHash: 'hash-2' }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe(ErrorCode.QUERY_FAILED);
    expect((failure as AppError).details.neo4jCode).toBe('Neo.ClientError.Schema.ConstraintValidationFailed');
    expect(await checksum()).toBe(before);
    expect(await query("MATCH (n {id: 'BE'}) RETURN n.id AS id")).toEqual([{ id: 'BE' }]);
    expect((await readLoadedSeed({ driver, database })).seedHash).toBe('hash-1');
  });

  it('refuses a plan with unstorable values before touching the database', async () => {
    await writeGraphPlan({ driver, database }, smallPlan(), { logger });
    const before = await checksum();
    const plan = smallPlan();
    plan.nodes.push({ id: 'bad', label: 'Topic', properties: { name: 'Bad', aliases: ['one', 2] } });
    plan.nodes.push({ id: 'bad-date', label: 'Event', properties: { name: 'Bad date', date: planDate('2018-02-30') } });
    plan.relationships.push({ type: 'ON_TOPIC', from: 'c-strengthen-sis', to: 'missing', key: '', properties: {} });

    const failure = await writeGraphPlan({ driver, database }, plan, { logger }).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(AppError);
    expect((failure as AppError).code).toBe(ErrorCode.SEED_INVALID);
    const problems = (failure as AppError).details.problems as { record: string; field: string }[];
    expect(problems.map((problem) => problem.record)).toEqual([
      'node bad',
      'node bad-date',
      'relationship (c-strengthen-sis)-[ON_TOPIC ]->(missing)',
    ]);
    expect(await checksum()).toBe(before);
  });

  it('rebuilds from scratch with reset, removing data the seed does not own', async () => {
    await writeGraphPlan({ driver, database }, smallPlan(), { logger });
    await query("CREATE (:Note {id: 'stray'})-[:ABOUT]->(:Note {id: 'stray-2'})");
    const plan = smallPlan();
    const result = await writeGraphPlan({ driver, database }, plan, { logger, reset: true, seedHash: 'hash-3' });
    expect(result.reset).toBe(true);
    expect(result.resetNodesDeleted).toBe(plan.nodes.length + 2);
    expect(result.counters.nodesCreated).toBe(plan.nodes.length + 1);
    expect(result.changes.nodes.created).toBe(plan.nodes.length);
    expect(await countGraph()).toEqual(planCounts(plan));
  });
});

describe('needsSeeding', () => {
  it('is true for an empty database and for another seed, false once this seed is loaded', async () => {
    expect(await needsSeeding({ driver, database }, 'hash-1')).toBe(true);
    await writeGraphPlan({ driver, database }, smallPlan(), { logger, seedHash: 'hash-1' });
    expect(await needsSeeding({ driver, database }, 'hash-1')).toBe(false);
    expect(await needsSeeding({ driver, database }, 'hash-2')).toBe(true);
    const loaded = await readLoadedSeed({ driver, database });
    expect(loaded.nodeCount).toBe(smallPlan().nodes.length);
    expect(loaded.loadedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });
});
