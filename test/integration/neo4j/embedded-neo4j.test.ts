import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearDatabase, connectTestDatabase, type TestDatabase } from '../../support/database.ts';

describe('the embedded Neo4j started for the test run', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await connectTestDatabase();
    await clearDatabase(db.driver, db.database);
  });
  afterAll(async () => {
    await clearDatabase(db.driver, db.database);
    await db.close();
  });

  it('is Neo4j 5.26 Community', async () => {
    const { records } = await db.driver.executeQuery('CALL dbms.components() YIELD name, versions, edition RETURN name, versions[0] AS version, edition', {}, { database: db.database });
    expect(records[0]?.get('version')).toMatch(/^5\.26\./);
    expect(records[0]?.get('edition')).toBe('community');
  });

  it('has APOC core with the functions @neo4j/graphql calls', async () => {
    const { records } = await db.driver.executeQuery(
      "SHOW FUNCTIONS YIELD name WHERE name IN ['apoc.util.validatePredicate', 'apoc.date.convertFormat', 'apoc.version'] RETURN collect(name) AS names",
      {},
      { database: db.database },
    );
    expect([...(records[0]?.get('names') as string[])].sort()).toEqual(['apoc.date.convertFormat', 'apoc.util.validatePredicate', 'apoc.version']);
    const version = await db.driver.executeQuery('RETURN apoc.version() AS v', {}, { database: db.database });
    expect(version.records[0]?.get('v')).toMatch(/^5\.26\./);
  });

  it('reads back what it wrote, across sessions', async () => {
    await db.driver.executeQuery("CREATE (:Probe {id: 'probe-1', at: date('2018-06-11')})", {}, { database: db.database });
    const { records } = await db.driver.executeQuery("MATCH (p:Probe {id: 'probe-1'}) RETURN toString(p.at) AS at", {}, { database: db.database, routing: 'READ' });
    expect(records.map((r) => r.get('at'))).toEqual(['2018-06-11']);
  });

  it('refuses a wrong password', async () => {
    const { createDriver } = await import('../../../src/neo4j/open-database.ts');
    const driver = createDriver({ ...db.connection, password: `${db.connection.password}-wrong` });
    try {
      await expect(driver.verifyConnectivity()).rejects.toMatchObject({ code: 'Neo.ClientError.Security.Unauthorized' });
    } finally {
      await driver.close();
    }
  });
});
