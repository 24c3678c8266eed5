/**
 * Writes the full generated GraphQL schema (schema.graphql after @neo4j/graphql has added its
 * queries, filters and connections) for frontend code generators: `npm run sdl [-- <file>]`,
 * default generated/schema.graphql. Needs no database.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { projectRoot } from '../src/config.ts';
import { printGeneratedSdl } from '../src/server/schema/build-graphql-schema.ts';

const target = path.resolve(process.argv[2] ?? path.join(projectRoot, 'generated', 'schema.graphql'));
const sdl = await printGeneratedSdl();
await mkdir(path.dirname(target), { recursive: true });
await writeFile(target, sdl);
process.stderr.write(`Wrote ${target} (${sdl.length} characters)\n`);
