import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { projectRoot } from '../../src/config.ts';

const FIXTURES = path.join(projectRoot, 'test', 'fixtures', 'seeding');

/** A scenario: the base seed (`valid/`), plus whole folders laid over it, plus one-line edits. */
interface Scenario {
  /** Folders under test/fixtures/seeding/ copied over the base, in order. */
  overlays?: readonly string[];
  /** Per file (relative to the seed directory): text to find exactly once, and its replacement. */
  edits?: Readonly<Record<string, readonly (readonly [string, string])[]>>;
}

const STATEMENT = 'documents/mini-statement.yaml';

/** Each scenario says only how it differs from the valid mini seed (`valid/`, used as it is). */
const SCENARIOS: Readonly<Record<string, Scenario>> = {
  'two-documents': { overlays: ['two-documents'] },
  'missing-mention': {
    overlays: ['two-documents'],
    edits: { 'documents/mini-followup.yaml': [['  - id: lille\n    mentions: [{ passage: p01, quote: Lille }]\n', '']] },
  },
  'dangling-link': {
    edits: { [STATEMENT]: [['{ type: INVOLVES, to: europol, role: CHANNEL,', '{ type: INVOLVES, to: eurojust, role: CHANNEL,']] },
  },
  'dangling-reference': {
    edits: { [STATEMENT]: [['    external:\n      - { fields: [date], reference: mini-source }', '    external:\n      - { fields: [date], reference: mini-sourse }']] },
  },
  'duplicate-id': {
    edits: {
      [STATEMENT]: [['facts:\n  - id: FR\n    mentions:\n      - { passage: p01, quote: "France" }\n', '  - type: Country\n    id: FR\n    name: France\n    mentions:\n      - { passage: p01, quote: "France" }\nfacts:\n']],
    },
  },
  'quote-not-found': {
    edits: { [STATEMENT]: [['{ passage: p04, quote: "returning minors" }', '{ passage: p04, quote: "returning children" }']] },
  },
  'bad-quote': {
    edits: { [STATEMENT]: [['to: returning-minors, quote: "returning minors" }', 'to: returning-minors, quote: "returning orphans" }']] },
  },
};

const built = new Map<string, Promise<string>>();
const created: string[] = [];
// Imported by a test file, this module registers its clean-up in that file (vitest isolates files).
afterAll(async () => {
  await Promise.all(created.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  built.clear();
});

/**
 * The seed directory of a scenario, built once per test file in a temporary directory that is
 * removed after the file's tests. A name that is not a scenario is a folder used as it is.
 */
export function seedFixture(name: string): Promise<string> {
  const scenario = SCENARIOS[name];
  if (scenario === undefined) return Promise.resolve(path.join(FIXTURES, name));
  let dir = built.get(name);
  if (dir === undefined) {
    dir = build(name, scenario);
    built.set(name, dir);
  }
  return dir;
}

async function build(name: string, scenario: Scenario): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `entente-seed-${name}-`));
  created.push(dir);
  for (const folder of ['valid', ...(scenario.overlays ?? [])]) await cp(path.join(FIXTURES, folder), dir, { recursive: true });
  for (const [file, edits] of Object.entries(scenario.edits ?? {})) {
    let text = await readFile(path.join(dir, file), 'utf8');
    for (const [from, to] of edits) {
      const at = text.indexOf(from);
      if (at < 0 || text.indexOf(from, at + 1) >= 0) throw new Error(`Scenario ${name}: "${from}" must occur exactly once in ${file}`);
      text = text.slice(0, at) + to + text.slice(at + from.length);
    }
    await writeFile(path.join(dir, file), text);
  }
  return dir;
}
