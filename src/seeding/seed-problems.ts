/**
 * Seed validation reports every problem at once: curators fix a file in one pass instead of
 * rerunning the loader once per typo.
 */
import { AppError, ErrorCode } from '../errors.ts';

export type SeedProblemKind =
  | 'YAML_SYNTAX'
  | 'SCHEMA'
  | 'MISSING_FILE'
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
