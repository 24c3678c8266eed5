import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { parse } from 'yaml';
import { projectRoot } from '../../../src/config.ts';
import type { GraphPlan, PlannedNode, PlannedRelationship } from '../../../src/graph/graph-plan.ts';
import { readSeed } from '../../../src/seeding/read-seed.ts';

// Pins every lifecycle fact of the real seed to its reference: each step, successor act,
// disagreement and meeting in seed/lifecycle/ reaches the graph with every source it quotes,
// each source a Reference a reader can open, and each step's date written in one of its quotes
// or in the title of a reference it cites.
const LIFECYCLE_DIR = path.join(projectRoot, 'seed', 'lifecycle');

interface Source {
  reference: string;
  quote: string;
}
interface LifecycleFile {
  references?: { id: string; url: string; sourceKind: string }[];
  acts?: { id: string; celex: string; source: Source }[];
  steps?: { id: string; date: string; datePrecision?: string; ruling?: Source; sources: Source[] }[];
  disagreements?: { id: string; sources: Source[] }[];
  meetings?: { id: string; event?: string; sources: Source[] }[];
}

let plan: GraphPlan;
let files: LifecycleFile[];
const nodes = new Map<string, PlannedNode>();
beforeAll(async () => {
  plan = (await readSeed(path.join(projectRoot, 'seed'))).plan;
  for (const node of plan.nodes) nodes.set(node.id, node);
  const names = (await readdir(LIFECYCLE_DIR)).filter((name) => name.endsWith('.yaml'));
  files = await Promise.all(names.map(async (name) => parse(await readFile(path.join(LIFECYCLE_DIR, name), 'utf8')) as LifecycleFile));
});

const collapse = (text: string) => text.replace(/\s+/g, ' ').trim();
const externalSources = (from: string): PlannedRelationship[] =>
  plan.relationships.filter((rel) => rel.type === 'EXTERNAL_SOURCE' && rel.from === from);

function expectSourcesInGraph(id: string, sources: readonly Source[]): void {
  const stored = externalSources(id).map((rel) => [rel.to, rel.properties.quote]);
  for (const source of sources) expect(stored, `${id} cites ${source.reference}`).toContainEqual([source.reference, collapse(source.quote)]);
  const primaries = externalSources(id).filter((rel) => rel.properties.primary === true);
  expect(primaries, id).toHaveLength(1);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MOIS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const MESES = ['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'octubre', 'noviembre', 'diciembre'];

/** The ways the sources write a date: "5 July 2018", "July 5, 2018", "05-07-2018", "5.7.2018", "16/02/2017"... */
function writtenForms(iso: string, precision: string): string[] {
  const [year, month, day] = iso.split('-').map(Number) as [number, number, number];
  const name = MONTHS[month - 1]!;
  if (precision === 'MONTH') return [`${name} ${year}`.toLowerCase(), `end of ${year}`];
  const dd = String(day).padStart(2, '0');
  const mm = String(month).padStart(2, '0');
  return [
    `${day} ${name}`,
    `${name} ${day}`,
    `${name} ${day}th`,
    `${name} the ${day}th`,
    `${dd}-${mm}-${year}`,
    `${day}.${month}.${year}`,
    `${dd}/${mm}/${year}`,
    `${day} de ${MESES[month - 1]}`,
    `${day} ${MOIS[month - 1]}`,
  ].map((form) => form.toLowerCase());
}

/** Steps whose date no quote or cited title writes, and why the date still holds. */
const DATE_NOT_WRITTEN: Record<string, string> = {
  'ebcg-repeal': 'the source gives the last day in effect (3 December 2019); the repeal takes effect the next day, when 2019/1896 entered into force',
};

describe('every lifecycle fact is pinned to its reference', () => {
  test('the lifecycle files hold facts (106 researched steps, merged where one event served several instruments)', () => {
    const steps = files.flatMap((file) => file.steps ?? []);
    expect(steps.length).toBeGreaterThanOrEqual(100);
    expect(files.flatMap((file) => file.acts ?? []).length).toBe(7);
    expect(files.flatMap((file) => file.disagreements ?? []).length).toBe(5);
    expect(files.flatMap((file) => file.meetings ?? []).length).toBe(8);
  });

  test('every step is an Event in the graph, STEP_OF its instruments with its primary source, and keeps every quote it cites', () => {
    for (const step of files.flatMap((file) => file.steps ?? [])) {
      expect(nodes.get(step.id)?.label, step.id).toBe('Event');
      expect(nodes.get(step.id)?.properties.dateBasis, step.id).toBe('EXTERNAL');
      const stepOf = plan.relationships.filter((rel) => rel.type === 'STEP_OF' && rel.from === step.id);
      expect(stepOf.length, step.id).toBeGreaterThan(0);
      for (const rel of stepOf) {
        expect(rel.properties, step.id).toMatchObject({ basis: 'EXTERNAL', referenceId: step.sources[0]!.reference, quote: collapse(step.sources[0]!.quote) });
      }
      expectSourcesInGraph(step.id, step.sources);
      if (step.ruling !== undefined) {
        expect(nodes.get(step.id)?.properties.ruling, step.id).toBe(collapse(step.ruling.quote));
        const ruled = externalSources(step.id).find((rel) => rel.to === step.ruling!.reference && rel.properties.quote === collapse(step.ruling!.quote));
        expect(ruled?.properties.fields, step.id).toEqual(['ruling']);
      }
    }
  });

  test('the C-817/19 judgment keeps its verdict as a quote with its reference', () => {
    const step = files.flatMap((file) => file.steps ?? []).find((candidate) => candidate.id === 'cjeu-c-817-19-judgment');
    expect(step?.ruling).toMatchObject({ reference: 'eucrim-c-817-19', quote: expect.stringContaining('upheld the EU’s regime') });
  });

  test('every successor act, disagreement and meeting keeps every quote it cites', () => {
    for (const act of files.flatMap((file) => file.acts ?? [])) {
      expect(nodes.get(act.id)?.properties.celex, act.id).toBe(act.celex);
      expectSourcesInGraph(act.id, [act.source]);
      expect(plan.relationships.filter((rel) => rel.type === 'SUCCEEDED_BY' && rel.to === act.id), act.id).toHaveLength(1);
    }
    for (const disagreement of files.flatMap((file) => file.disagreements ?? [])) expectSourcesInGraph(disagreement.id, disagreement.sources);
    for (const meeting of files.flatMap((file) => file.meetings ?? [])) {
      if (meeting.event === undefined) expectSourcesInGraph(meeting.id, meeting.sources);
      const link = plan.relationships.find((rel) => rel.type === 'SERIES_MEETING' && rel.to === (meeting.event ?? meeting.id));
      expect(link?.properties, meeting.id).toMatchObject({ referenceId: meeting.sources[0]!.reference, quote: collapse(meeting.sources[0]!.quote) });
    }
  });

  test('every cited reference has a URL a reader can open and says what kind of source it is; EUR-Lex ones are on EUR-Lex', () => {
    const cited = new Set(plan.relationships.filter((rel) => rel.type === 'EXTERNAL_SOURCE' && rel.properties.quote !== undefined).map((rel) => rel.to));
    expect(cited.size).toBeGreaterThan(80);
    for (const id of cited) {
      const reference = nodes.get(id);
      expect(reference?.label, id).toBe('Reference');
      expect(String(reference?.properties.url), id).toMatch(/^https?:\/\/\S+$/);
      if (files.some((file) => file.references?.some((entry) => entry.id === id))) {
        expect(reference?.properties.sourceKind, id).toBeDefined();
      }
      if (reference?.properties.sourceKind === 'EUR_LEX') {
        expect(new URL(String(reference.properties.url)).hostname, id).toMatch(/^(eur-lex|publications)\.europa\.eu$/);
      }
    }
  });

  test('every step’s date is written in one of its quotes or in the title of a reference it cites', () => {
    for (const step of files.flatMap((file) => file.steps ?? [])) {
      if (step.id in DATE_NOT_WRITTEN) continue;
      const texts = step.sources
        .flatMap((source) => [source.quote, String(nodes.get(source.reference)?.properties.title ?? '')])
        .join(' | ')
        .toLowerCase();
      const forms = writtenForms(String(step.date), step.datePrecision ?? 'DAY');
      expect(
        forms.some((form) => texts.includes(form)),
        `${step.id} (${String(step.date)}): none of ${forms.slice(0, 3).join(', ')}... in its sources`,
      ).toBe(true);
    }
  });

  test('the text’s claims stay as the text has them beside the disagreement', () => {
    expect(nodes.get('etias-adoption-2018')?.properties).toMatchObject({ kind: 'ADOPTION', dateText: '25 April', dateBasis: 'YEAR_INFERRED' });
    expect(nodes.get('gdpr-entry-into-force-2018')?.properties).toMatchObject({ kind: 'ENTRY_INTO_FORCE', dateText: '25 May' });
    expect(nodes.get('joint-working-party-first-meeting-2018')?.properties).toMatchObject({ dateText: '27 February 2018', date: { kind: 'date', iso: '2018-02-27' } });
  });

  test('nothing unverified is in the seed: ETIAS has no start of operations', () => {
    const etiasSteps = plan.relationships.filter((rel) => rel.type === 'STEP_OF' && rel.to === 'etias').map((rel) => nodes.get(rel.from)!);
    expect(etiasSteps.map((step) => step.properties.kind)).not.toContain('START_OF_OPERATIONS');
  });
});
