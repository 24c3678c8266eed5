import { beforeAll, describe, expect, it } from 'vitest';
import { AppError, ErrorCode, isAppError } from '../../../src/errors.ts';
import { readSeed, type SeedProblem } from '../../../src/seeding/read-seed.ts';
import { seedFixture } from '../../support/seed-fixture.ts';


async function seedError(name: string): Promise<AppError> {
  const error = await readSeed(await seedFixture(name)).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAppError(error)) throw new Error(`expected an AppError from ${name}, got ${String(error)}`);
  return error;
}

const problemsOf = (error: AppError) => error.details['problems'] as SeedProblem[];

describe('readSeed on a seed with many problems', () => {
  let error: AppError;
  let problems: SeedProblem[];

  beforeAll(async () => {
    error = await seedError('invalid');
    problems = problemsOf(error);
  });

  it('throws one SEED_INVALID error listing every problem', async () => {
    expect(error.code).toBe(ErrorCode.SEED_INVALID);
    expect(problems.length).toBe(26);
    const lines = error.message.split('\n');
    expect(lines[0]).toBe(`The seed in ${await seedFixture('invalid')} has 26 problems:`);
    expect(lines).toHaveLength(27);
    expect(lines).toContain(
      '  - documents/broken.yaml:15 [jane-doe] nmae: unknown field "nmae"',
    );
  });

  it.each<[string, Partial<SeedProblem>]>([
    ['a YAML syntax error with its line', { kind: 'YAML_SYNTAX', file: 'reference/syntax.yaml', line: 5 }],
    ['a text whose hash differs from the recorded one', { kind: 'SHA256_MISMATCH', file: 'documents/broken.yaml', record: 'broken', field: 'sha256' }],
    ['an unknown field', { kind: 'SCHEMA', file: 'documents/broken.yaml', record: 'jane-doe', field: 'nmae', line: 15 }],
    ['a missing required field', { kind: 'SCHEMA', record: 'jane-doe', field: 'name', reason: 'required field is missing' }],
    ['a value outside its enum', { kind: 'SCHEMA', record: 'c-maybe', field: 'modality', line: 51 }],
    ['a property set in a facts record', { kind: 'SCHEMA', record: 'BE', field: 'name', file: 'documents/broken.yaml' }],
    ['a mention in a reference file', { kind: 'SCHEMA', record: 'interpol', field: 'mentions', file: 'reference/bad.yaml' }],
    ['an id used twice across files', { kind: 'DUPLICATE_ID', record: 'FR', field: 'id', file: 'reference/bad.yaml' }],
    ['an external entry naming an unknown reference', { kind: 'UNKNOWN_REFERENCE', record: 'broken', field: 'external[0].reference' }],
    ['an unknown passage', { kind: 'UNKNOWN_PASSAGE', record: 'lille', field: 'mentions[0].passage' }],
    ['a dangling link target', { kind: 'DANGLING_LINK', record: 'lille', field: 'links[0].to' }],
    ['a quote not in its passage', { kind: ErrorCode.QUOTE_NOT_FOUND, record: 'police', field: 'mentions[0].quote', line: 30 }],
    ['a verb phrase not in the commitment’s passage', { kind: ErrorCode.QUOTE_NOT_FOUND, record: 'c-strengthen', field: 'verbPhrase' }],
    ['a section that is not the passage’s', { kind: 'INCONSISTENT', record: 'c-strengthen', field: 'section' }],
    ['a link whose target has the wrong label', { kind: 'LINK_ENDPOINT', record: 'c-strengthen', field: 'links[0].type' }],
    ['a link whose source has the wrong label', { kind: 'LINK_ENDPOINT', record: 'BE', field: 'links[0].type', file: 'reference/bad.yaml' }],
    ['a reference entity property without an external source', { kind: 'EXTERNAL_COVERAGE', record: 'europol', field: 'external' }],
    ['a reference-file link type without an external source', { kind: 'EXTERNAL_COVERAGE', record: 'BE', file: 'reference/bad.yaml' }],
    ['a facts record for an unknown id', { kind: 'UNKNOWN_ID', record: 'ghost', field: 'id' }],
    ['a document entity without a mention', { kind: 'MISSING_MENTION', record: 'orphan-service', field: 'mentions' }],
    ['a reference entity linked from a document without a mention there', { kind: 'MISSING_MENTION', record: 'c-strengthen' }],
    ['a commitment without novelty', { kind: 'SCHEMA', record: 'c-no-novelty', field: 'novelty', line: 67, reason: expect.stringContaining('required field is missing') }],
    ['a new commitment that recalls an earlier event', { kind: 'INCONSISTENT', record: 'c-new-recalling', field: 'links[0].type', line: 85 }],
    ['an inference rule that does not exist', { kind: 'SCHEMA', record: 'guesswork', field: 'links[0].rule', file: 'documents/broken.yaml' }],
    ['an inference rule on an external link', { kind: 'SCHEMA', record: 'schengen-club', field: 'links[0].rule', file: 'reference/bad.yaml' }],
  ])('reports %s', (_, expected) => {
    expect(problems).toContainEqual(expect.objectContaining(expected));
  });

  it('names the passage and its text when a quote is missing', () => {
    const problem = problems.find((p) => p.record === 'police');
    expect(problem?.reason).toContain('does not occur in passage broken#p03');
    expect(problem?.reason).toContain('"police cooperation"');
  });

  it('does not cascade from a record that failed its schema', () => {
    // europol is defined (though its reference record is incomplete): links to it do not dangle.
    expect(problems.filter((p) => p.kind === 'DANGLING_LINK')).toHaveLength(1);
  });
});

describe('readSeed on seeds with a single problem', () => {
  it('refuses a quote that is not in its passage', async () => {
    const error = await seedError('quote-not-found');
    expect(error.code).toBe(ErrorCode.SEED_INVALID);
    expect(problemsOf(error)).toEqual([
      {
        kind: ErrorCode.QUOTE_NOT_FOUND,
        file: 'documents/mini-statement.yaml',
        record: 'returning-minors',
        field: 'mentions[0].quote',
        line: 76,
        reason:
          'quote "returning children" does not occur in passage mini-statement#p04: "To hold a meeting by the end of 2019 on returning minors."',
      },
    ]);
  });

  it('refuses an external entry naming an unknown reference', async () => {
    const problems = problemsOf(await seedError('dangling-reference'));
    expect(problems).toEqual([
      expect.objectContaining({ kind: 'UNKNOWN_REFERENCE', record: 'mini-meeting', field: 'external[0].reference', line: 36 }),
    ]);
  });

  it('refuses a link to an id no file defines', async () => {
    const problems = problemsOf(await seedError('dangling-link'));
    expect(problems).toEqual([
      expect.objectContaining({ kind: 'DANGLING_LINK', record: 'c-strengthen-police-exchanges', field: 'links[2].to' }),
    ]);
    expect(problems[0]?.reason).toContain('eurojust');
  });

  it('refuses an id defined in two files', async () => {
    const problems = problemsOf(await seedError('duplicate-id'));
    expect(problems).toEqual([expect.objectContaining({ kind: 'DUPLICATE_ID', record: 'FR', file: 'reference/shared.yaml' })]);
    expect(problems[0]?.reason).toContain('documents/mini-statement.yaml');
  });

  it('refuses a directory without documents/', async () => {
    const error = await seedError('valid/reference');
    expect(error.code).toBe(ErrorCode.SEED_INVALID);
  });
});
