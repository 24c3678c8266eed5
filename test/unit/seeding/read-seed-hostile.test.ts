import { cp, mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ErrorCode, isAppError } from '../../../src/errors.ts';
import { readSeed, type SeedProblem } from '../../../src/seeding/read-seed.ts';
import { MAX_SEED_FILE_BYTES, firstInvalidUtf8Line, hashSeedDir, readSeedFiles } from '../../../src/seeding/seed-files.ts';

const valid = fileURLToPath(new URL('../../fixtures/seeding/valid', import.meta.url));
const scratch: string[] = [];
afterEach(async () => {
  for (const dir of scratch.splice(0)) await rm(dir, { recursive: true, force: true });
});

/** A copy of the valid fixture seed with `change` applied to it. */
async function seedWith(change: (dir: string) => Promise<void>): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'entente-hostile-seed-'));
  scratch.push(dir);
  await cp(valid, dir, { recursive: true });
  await change(dir);
  return dir;
}

async function problemsOf(dir: string): Promise<SeedProblem[]> {
  const error = await readSeed(dir).then(() => undefined, (e: unknown) => e);
  if (!isAppError(error, ErrorCode.SEED_INVALID)) throw new Error(`expected SEED_INVALID, got ${String(error)}`);
  return error.details.problems as SeedProblem[];
}

describe('seed input that cannot hurt', () => {
  it('refuses invalid UTF-8 naming the file and the line', async () => {
    const dir = await seedWith(async (d) => {
      const file = path.join(d, 'reference', 'shared.yaml');
      const text = await readFile(file);
      const at = text.indexOf('name: France');
      await writeFile(file, Buffer.concat([text.subarray(0, at + 6), Buffer.from([0xff, 0xfe]), text.subarray(at + 6)]));
    });
    const [first] = await problemsOf(dir);
    expect(first).toMatchObject({ kind: 'ENCODING', file: 'reference/shared.yaml', line: 11 });
  });

  it('refuses a YAML alias bomb as SEED_INVALID with the file named, without expanding it', async () => {
    const layers = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i += 1) layers.push(`${String.fromCharCode(97 + i)}: &${String.fromCharCode(97 + i)} [${Array(9).fill(`*${String.fromCharCode(96 + i)}`).join(',')}]`);
    const dir = await seedWith((d) => writeFile(path.join(d, 'reference', 'bomb.yaml'), `${layers.join('\n')}\n`));
    const before = process.memoryUsage().rss;
    const problems = await problemsOf(dir);
    expect(process.memoryUsage().rss - before).toBeLessThan(100 * 1024 * 1024);
    expect(problems[0]).toMatchObject({ kind: 'YAML_SYNTAX', file: 'reference/bomb.yaml' });
    expect(problems[0]!.reason).toMatch(/aliases/);
  });

  it('refuses an oversize file unread', async () => {
    const dir = await seedWith((d) => truncate(path.join(d, 'reference', 'shared.yaml'), MAX_SEED_FILE_BYTES + 1).then(() => undefined));
    const before = process.memoryUsage().rss;
    const problems = await problemsOf(dir);
    expect(process.memoryUsage().rss - before).toBeLessThan(MAX_SEED_FILE_BYTES);
    expect(problems[0]).toMatchObject({ kind: 'FILE_TOO_LARGE', file: 'reference/shared.yaml' });
  });

  it('names an impossible date as impossible', async () => {
    const dir = await seedWith(async (d) => {
      const file = path.join(d, 'documents', 'mini-statement.yaml');
      await writeFile(file, (await readFile(file, 'utf8')).replace('date: 2019-03-01', 'date: 2019-02-30'));
    });
    const problems = await problemsOf(dir);
    expect(problems).toContainEqual(expect.objectContaining({ file: 'documents/mini-statement.yaml', field: 'date', reason: expect.stringMatching(/2019-02-30 is an impossible date/) }));
    expect(problems.map((p) => p.reason)).not.toContain('dates are written YYYY-MM-DD');
  });

  it('lists a YAML syntax error first, before the problems that follow from it', async () => {
    const dir = await seedWith(async (d) => {
      const file = path.join(d, 'reference', 'shared.yaml');
      await writeFile(file, `${await readFile(file, 'utf8')}\n  bad: [unclosed\n`);
    });
    const problems = await problemsOf(dir);
    expect(problems.length).toBeGreaterThan(1);
    expect(problems[0]).toMatchObject({ kind: 'YAML_SYNTAX', file: 'reference/shared.yaml' });
  });

  it('finds the first line that is not UTF-8', () => {
    expect(firstInvalidUtf8Line(Buffer.from('a\nb\n'))).toBeUndefined();
    expect(firstInvalidUtf8Line(Buffer.concat([Buffer.from('ok\nfine\n'), Buffer.from([0xc3]), Buffer.from('\n')]))).toBe(3);
    expect(firstInvalidUtf8Line(Buffer.from('é \uFFFD stays valid'))).toBeUndefined();
  });
});

describe('hashSeedDir (what start-up compares before validating)', () => {
  it('gives the hash a full read gives, also for a file that is not UTF-8', async () => {
    expect(await hashSeedDir(valid)).toBe((await readSeedFiles(valid)).seedHash);
    const dir = await seedWith((d) => writeFile(path.join(d, 'reference', 'broken.yaml'), Buffer.from([0x61, 0x3a, 0xff, 0x0a])));
    const hash = await hashSeedDir(dir);
    expect(hash).toBe((await readSeedFiles(dir)).seedHash);
    expect(hash).not.toBe(await hashSeedDir(valid));
  });

  it('gives no hash when a file is too large, so that the full read refuses the seed', async () => {
    const dir = await seedWith((d) => truncate(path.join(d, 'reference', 'shared.yaml'), MAX_SEED_FILE_BYTES + 1).then(() => undefined));
    expect(await hashSeedDir(dir)).toBeUndefined();
  });
});
