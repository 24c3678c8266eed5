import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { AppError, ErrorCode } from '../errors.ts';

export interface CheckOutPathOptions {
  /** The format writes a directory of files (csv, tables, parquet) rather than one file. */
  directory: boolean;
  /** Replace what is there. */
  force: boolean;
}

/**
 * Refuses an `--out` that would fail half-way or silently replace someone's file, saying what is
 * wrong with the path and what to do: an existing file (or a non-empty directory) without
 * --force, a file where a directory is needed or the reverse, a folder that does not exist.
 * A directory output is created, with its parents, by the export itself.
 */
export async function checkOutPath(out: string, options: CheckOutPathOptions): Promise<void> {
  const info = await stat(out).catch(() => undefined);
  if (options.directory) {
    if (info && !info.isDirectory()) {
      throw usage(`--out ${out} is a file; this format writes a directory of files.`, 'Give a directory path, e.g. --out graph-tables/.');
    }
    if (info && !options.force && (await readdir(out)).length > 0) {
      throw usage(`--out ${out} is a directory that already holds files.`, 'Add --force to write into it anyway (files of the same name are replaced), or give a new directory.');
    }
    return;
  }
  if (info?.isDirectory()) throw usage(`--out ${out} is a directory; this format writes one file.`, `Give a file name, e.g. --out ${path.join(out, 'graph.graphml')}.`);
  if (info && !options.force) throw usage(`--out ${out} already exists.`, 'Add --force to replace it, or choose another name.');
  const folder = path.dirname(path.resolve(out));
  const folderInfo = await stat(folder).catch(() => undefined);
  if (!folderInfo) throw usage(`--out ${out}: the folder ${folder} does not exist.`, `Create it first (mkdir -p ${folder}), or write somewhere else.`);
  if (!folderInfo.isDirectory()) throw usage(`--out ${out}: ${folder} is a file, not a folder.`, 'Write somewhere else.');
}

function usage(message: string, hint: string): AppError {
  return new AppError(ErrorCode.USAGE, message, { hint });
}
