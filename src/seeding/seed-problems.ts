/**
 * Seed validation reports every problem at once: curators fix a file in one pass instead of
 * rerunning the loader once per typo.
 */
import type { z } from 'zod';
import { AppError, ErrorCode } from '../errors.ts';
import type { SeedYamlFile } from './seed-files.ts';

export type SeedProblemKind =
  | 'YAML_SYNTAX'
  | 'ENCODING'
  | 'FILE_TOO_LARGE'
  | 'SCHEMA'
  | 'MISSING_FILE'
  | ErrorCode.DOCUMENT_INVALID
  | 'SHA256_MISMATCH'
  | 'DUPLICATE_ID'
  | 'UNKNOWN_ID'
  | 'DANGLING_LINK'
  | 'LINK_ENDPOINT'
  | 'DUPLICATE_RELATIONSHIP'
  | 'UNKNOWN_PASSAGE'
  | ErrorCode.QUOTE_NOT_FOUND
  | 'UNKNOWN_REFERENCE'
  | 'EXTERNAL_COVERAGE'
  | 'MISSING_MENTION'
  | 'INCONSISTENT';

export interface SeedProblem {
  kind: SeedProblemKind;
  /** Path relative to the seed directory (`documents/val-duchesse-ii-2018.yaml`). */
  file: string;
  /** The record's id, or its position (`entities[3]`) when it has no usable id. */
  record?: string;
  /** Path inside the record (`links[2].quote`). */
  field?: string;
  /** 1-based line in the file, when known. */
  line?: number;
  reason: string;
}

/** Problems that make a whole file unreadable: the first cause of many follow-on problems elsewhere. */
export const FILE_PROBLEMS: ReadonlySet<SeedProblemKind> = new Set<SeedProblemKind>(['FILE_TOO_LARGE', 'ENCODING', 'YAML_SYNTAX']);

export type FieldPath = (string | number)[];

/** Where a record sits in the seed, so that problems can point at it. */
export interface RecordOrigin {
  yaml: SeedYamlFile;
  /** Path of the record in its file (`['entities', 3]`); `[]` for the file itself. */
  path: FieldPath;
  /** The record's id or position; undefined for problems about the whole file. */
  record?: string;
}

/** Formats `links[2].quote` from a path. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out === '' ? String(part) : `.${String(part)}`;
  }
  return out;
}

export function formatProblem(problem: SeedProblem): string {
  const where = problem.line === undefined ? problem.file : `${problem.file}:${problem.line}`;
  const record = problem.record === undefined ? '' : ` [${problem.record}]`;
  const field = problem.field === undefined || problem.field === '' ? '' : ` ${problem.field}:`;
  return `${where}${record}${field} ${problem.reason}`;
}

/** The one error readSeed throws when the seed has problems. */
export function seedInvalidError(seedDir: string, problems: SeedProblem[]): AppError {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const lines = problems.map((problem) => `  - ${formatProblem(problem)}`);
  return new AppError(ErrorCode.SEED_INVALID, `The seed in ${seedDir} has ${count}:\n${lines.join('\n')}`, {
    details: { seedDir, problems },
    hint: 'Fix the seed files listed (paths are relative to the seed directory) and run the command again.',
  });
}

/** Reads a nested value of parsed YAML without trusting its shape. */
export function valueAt(value: unknown, path: readonly (string | number)[]): unknown {
  let current = value;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string | number, unknown>)[key];
  }
  return current;
}

/** Rewords a schema problem for its context (a reference file, a facts record). */
export type ReasonTweak = (reason: string, field: FieldPath) => string;

/** Gathers problems with their file, record, field and line. */
export class ProblemCollector {
  readonly problems: SeedProblem[] = [];

  add(kind: SeedProblemKind, origin: RecordOrigin, field: readonly (string | number)[], reason: string): void {
    const problem: SeedProblem = { kind, file: origin.yaml.file, reason };
    if (origin.record !== undefined) problem.record = origin.record;
    if (field.length > 0) problem.field = formatPath(field);
    const line = origin.yaml.lineOf([...origin.path, ...field]);
    if (line !== undefined) problem.line = line;
    this.problems.push(problem);
  }

  /** Validates `value`; each zod issue becomes a problem. Returns the value when valid. */
  parse<T>(schema: z.ZodType<T>, value: unknown, origin: RecordOrigin, tweak: ReasonTweak = (reason) => reason): T | undefined {
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) {
      const path = issue.path as FieldPath;
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) this.add('SCHEMA', origin, [...path, key], tweak(`unknown field "${key}"`, [...path, key]));
        continue;
      }
      this.add('SCHEMA', origin, path, tweak(describeIssue(issue, valueAt(value, path)), path));
    }
    return undefined;
  }
}

function describeIssue(issue: z.core.$ZodIssue, given: unknown): string {
  if (issue.code === 'invalid_union' && 'discriminator' in issue) {
    const what = String(issue.discriminator);
    return given === undefined ? `missing ${what}; ${issue.message}` : `unknown ${what} ${JSON.stringify(given)}; ${issue.message}`;
  }
  // An absent enum field is reported by zod as an invalid value: say it is missing, then the choices.
  if (issue.code === 'invalid_value' && given === undefined) return `required field is missing; ${issue.message.replace(/^Invalid option: /u, '')}`;
  if (issue.code === 'invalid_type' && given === undefined) return 'required field is missing';
  return issue.message;
}
