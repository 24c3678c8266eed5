import { randomBytes } from 'node:crypto';
import { chmod, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** Kept beside the store so that the same data directory always opens with the same password. */
export const PASSWORD_FILE = 'password';

/**
 * The embedded database's password: NEO4J_PASSWORD when given, otherwise the one generated on
 * the first start (file mode 0600), so there is never a well-known default.
 */
export async function resolveEmbeddedPassword(dataDir: string, given: string | undefined): Promise<string> {
  if (given !== undefined) return given;
  const stored = await readStoredPassword(dataDir);
  if (stored !== undefined) return stored;
  const file = path.join(dataDir, PASSWORD_FILE);
  const generated = randomBytes(24).toString('base64url');
  await writeFile(file, `${generated}\n`, { mode: 0o600, flag: 'wx' });
  await chmod(file, 0o600);
  return generated;
}

/** The password kept in the data directory, if one was generated there. */
export async function readStoredPassword(dataDir: string): Promise<string | undefined> {
  try {
    const stored = (await readFile(path.join(dataDir, PASSWORD_FILE), 'utf8')).trim();
    return stored.length > 0 ? stored : undefined;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
