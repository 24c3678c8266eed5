import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { projectRoot } from '../../../src/config.ts';
import { printGeneratedSdl } from '../../../src/server/schema/build-graphql-schema.ts';

/**
 * Runs the code-generation recipe of docs/api.md as a frontend developer would: the blocks
 * marked `<!-- file: PATH -->` are written to a fresh project, the generated SDL beside them,
 * then `graphql-codegen` runs with that config and `tsc --strict` checks its output together
 * with the program using it (whose `@ts-expect-error` fails if the types were `any`).
 */
const run = promisify(execFile);
const FILE_BLOCK = /<!-- file: (\S+) -->\n```\w+\n([\s\S]*?)```/g;

let project: string;
beforeAll(async () => {
  project = await mkdtemp(path.join(os.tmpdir(), 'entente-codegen-'));
});
afterAll(async () => {
  if (project) await rm(project, { recursive: true, force: true });
});

test('docs/api.md: the generated types of its operations type-check with the program using them', async () => {
  const doc = await readFile(path.join(projectRoot, 'docs', 'api.md'), 'utf8');
  const files = [...doc.matchAll(FILE_BLOCK)].map((match) => ({ file: match[1]!, text: match[2]! }));
  expect(files.map((file) => file.file)).toEqual(['codegen.ts', 'src/operations.graphql', 'src/use-operations.ts']);
  for (const { file, text } of files) {
    await mkdir(path.dirname(path.join(project, file)), { recursive: true });
    await writeFile(path.join(project, file), text);
  }
  await mkdir(path.join(project, 'generated'));
  await writeFile(path.join(project, 'generated', 'schema.graphql'), await printGeneratedSdl());
  await symlink(path.join(projectRoot, 'node_modules'), path.join(project, 'node_modules'), 'dir');
  await writeFile(
    path.join(project, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, target: 'es2022', module: 'nodenext', moduleResolution: 'nodenext', allowImportingTsExtensions: true, skipLibCheck: true },
      include: ['src'],
    }),
  );
  const bin = (name: string) => path.join(projectRoot, 'node_modules', '.bin', name);
  await run(bin('graphql-codegen'), ['--config', 'codegen.ts'], { cwd: project, env: { ...process.env, CI: 'true' } });
  const generated = await readFile(path.join(project, 'src', 'generated', 'operations.ts'), 'utf8');
  expect(generated).toContain('export type SearchBoxQuery');
  expect(generated).toContain('export type Modality =');
  const checked = await run(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: project }).then(
    () => ({ ok: true, output: '' }),
    (error: { stdout?: string; stderr?: string }) => ({ ok: false, output: `${error.stdout ?? ''}${error.stderr ?? ''}` }),
  );
  expect(checked.output).toBe('');
  expect(checked.ok).toBe(true);
}, 180_000);

test('tsc rejects the program when an operation selects a field the schema lacks', async () => {
  // The same check must be able to fail: a wrong field in the generated types breaks the usage.
  const usage = await readFile(path.join(project, 'src', 'use-operations.ts'), 'utf8');
  await writeFile(path.join(project, 'src', 'use-operations.ts'), `${usage}\nexport const missing = (hit: import('./generated/operations.ts').SearchBoxQuery['search']['hits'][number]) => hit.nonexistent;\n`);
  const failed = await run(path.join(projectRoot, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.json'], { cwd: project }).then(
    () => '',
    (error: { stdout?: string }) => error.stdout ?? '',
  );
  expect(failed).toMatch(/nonexistent/);
}, 120_000);
