/**
 * Child process of the API benchmark: the baseline the GraphQL server is measured against. A bare
 * `node:http` endpoint that parses the JSON body, runs the request's hand-written Cypher with
 * neo4j-driver and writes the JSON answer: no GraphQL parsing, validation, translation or
 * result shaping. Prints `{"url": ...}` when ready.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createDriver } from '../../src/neo4j/open-database.ts';
import { findBenchRequest, type Variables } from './bench-requests.ts';
import { connectionFromEnv, stopOnParentExit } from './child-process.ts';

const connection = connectionFromEnv();
const driver = createDriver(connection);
const source = { driver, database: connection.database };

const server = http.createServer((request, response) => {
  const chunks: Buffer[] = [];
  request.on('data', (chunk: Buffer) => chunks.push(chunk));
  request.on('end', () => {
    void (async () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { name: string; variables: Variables };
        const data = await findBenchRequest(body.name).direct(source, body.variables);
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ data }));
      } catch (error) {
        response.writeHead(500, { 'content-type': 'application/json' }).end(JSON.stringify({ error: String(error) }));
      }
    })();
  });
});
server.keepAliveTimeout = 60_000;
await new Promise<void>((resolve) => server.listen({ port: 0, host: '127.0.0.1' }, resolve));
process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` })}\n`);
stopOnParentExit(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await driver.close();
});
