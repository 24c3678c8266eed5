import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { projectRoot } from '../../../src/config.ts';

/**
 * The layers of src/, top to bottom: a module may import from its own folder or from a layer
 * strictly below its own. Folders sharing a rank are peers that must not import each other (the
 * four front doors are independent; seeding does not touch the database).
 */
const LAYERS: Record<string, number> = {
  main: 9,
  cli: 8,
  server: 7,
  export: 7,
  import: 7,
  cypher: 7,
  store: 6,
  neo4j: 5,
  seeding: 5,
  documents: 4,
  graph: 4,
  formats: 4,
  values: 3,
  io: 3,
  config: 2,
  errors: 1,
  'did-you-mean': 1,
  logger: 1,
};

/** Packages a layer must not use, whatever it imports from src/: the model stays free of a database. */
const FORBIDDEN_PACKAGES: Record<string, readonly string[]> = {
  graph: ['neo4j-driver'],
  seeding: ['neo4j-driver'],
  documents: ['neo4j-driver'],
};

interface SourceFile {
  /** Relative to src/, with forward slashes. */
  path: string;
  text: string;
}

/** `src/server/x.ts` -> `server`, `src/config.ts` -> `config`. */
function layerOf(file: string): string {
  const [first] = file.split('/');
  return (first ?? '').replace(/\.ts$/, '');
}

/** Every module specifier of static imports, re-exports and dynamic imports. */
function specifiersOf(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(/(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"]([^'"]+)['"]/g)) found.push(match[1]!);
  for (const match of text.matchAll(/(?:^|\n)\s*import\s*['"]([^'"]+)['"]/g)) found.push(match[1]!);
  for (const match of text.matchAll(/\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)) found.push(match[1]!);
  return found;
}

/** The imports that break the layering, as `from -> to` lines. */
function layerViolations(files: readonly SourceFile[]): string[] {
  const violations: string[] = [];
  for (const file of files) {
    const from = layerOf(file.path);
    const rank = LAYERS[from];
    if (rank === undefined) {
      violations.push(`${file.path}: folder "${from}" has no layer; add it to LAYERS`);
      continue;
    }
    for (const specifier of specifiersOf(file.text)) {
      if (!specifier.startsWith('.')) {
        if (FORBIDDEN_PACKAGES[from]?.includes(specifier)) violations.push(`${file.path} -> ${specifier} (package forbidden in ${from}/)`);
        continue;
      }
      const target = path.posix.normalize(path.posix.join(path.posix.dirname(file.path), specifier));
      const to = layerOf(target);
      if (to === from) continue;
      const targetRank = LAYERS[to];
      if (targetRank === undefined || targetRank >= rank) violations.push(`${file.path} -> ${target} (${from} ${rank} may not import ${to} ${targetRank ?? '?'})`);
    }
  }
  return violations;
}

async function readSources(dir: string, prefix = ''): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await readSources(path.join(dir, entry.name), relative)));
    else if (entry.name.endsWith('.ts')) files.push({ path: relative, text: await readFile(path.join(dir, entry.name), 'utf8') });
  }
  return files;
}

describe('the layers of src/', () => {
  test('every import points down (or stays in its folder)', async () => {
    const files = await readSources(path.join(projectRoot, 'src'));
    expect(files.length).toBeGreaterThan(50);
    expect(layerViolations(files)).toEqual([]);
  });

  test('the check catches an upward import, a peer import, a dynamic one and a forbidden package', () => {
    const files: SourceFile[] = [
      { path: 'store/a.ts', text: "import { x } from '../cli/seed.ts';\nimport { y } from './b.ts';" },
      { path: 'export/b.ts', text: "export { z } from '../import/c.ts';" },
      { path: 'graph/c.ts', text: "const m = await import('../store/d.ts');\nimport neo4j from 'neo4j-driver';" },
      { path: 'values/d.ts', text: "import type { E } from '../errors.ts';" },
    ];
    expect(layerViolations(files)).toEqual([
      'store/a.ts -> cli/seed.ts (store 6 may not import cli 8)',
      'export/b.ts -> import/c.ts (export 7 may not import import 7)',
      'graph/c.ts -> neo4j-driver (package forbidden in graph/)',
      'graph/c.ts -> store/d.ts (graph 4 may not import store 6)',
    ]);
  });
});
