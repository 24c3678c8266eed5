/**
 * A synthetic corpus in the seed format (docs/graph-model.md, "Seed files") for tests and
 * benchmarks: `scale` documents shaped like the real one (30 passages, about 40 commitments,
 * ministers, agencies, events with dates), reference files of shared entities, and the skew of a
 * real corpus: a few hub countries and union bodies in most texts (Zipf), ministers and
 * agencies that recur from text to text, and a long tail of agencies, places and instruments.
 * Deterministic: the same options give the same bytes. Nothing in it is about the real world.
 */
import { stringify } from 'yaml';
import { createRandom, type Random } from './random.ts';
import {
  AGENCY_KINDS,
  COUNTRIES,
  FIRST_NAMES,
  INSTRUMENT_FORMS,
  INSTRUMENT_SUBJECTS,
  inventWord,
  MONTHS,
  OBJECTS,
  TOPICS,
  UNION_BODIES,
  VERB_PHRASES,
} from './vocabulary.ts';

export interface CorpusOptions {
  /** Documents to write: 1 is about the size of the curated seed. */
  scale: number;
  /** The seed number of the pseudo-random source. */
  seed: number;
}

export interface CorpusFile {
  /** Relative to the corpus directory: `documents/…` or `reference/…`. */
  path: string;
  content: string;
}

/** The one Reference every synthetic external fact names. */
export const SYNTHETIC_REFERENCE_ID = 'synthetic-corpus';
const PASSAGES_PER_SECTION = 8;
const SECTIONS = 3;
const LINE_WIDTH = 90;

type Yaml = Record<string, unknown>;

interface Known {
  id: string;
  name: string;
  /** The document id that defines it; undefined for reference-file entities. */
  definedIn?: string;
}

/** Yields the reference files, then one `.txt` and one `.yaml` per document. */
export function* generateCorpus(options: CorpusOptions): Generator<CorpusFile> {
  if (!Number.isInteger(options.scale) || options.scale < 1) throw new Error(`scale must be a positive integer, got ${options.scale}`);
  const random = createRandom(options.seed);
  const world = new World(random, options.scale);
  yield* world.referenceFiles();
  for (let index = 0; index < options.scale; index += 1) yield* world.document(index);
}

/** What every document can draw on, and what earlier documents defined (so later ones reuse it). */
class World {
  readonly countries: Known[] = COUNTRIES.map((c) => ({ ...c }));
  readonly governments: Known[] = COUNTRIES.map((c) => ({ id: `${c.id.toLowerCase()}-government`, name: `Government of ${c.name}` }));
  readonly unionBodies: Known[] = UNION_BODIES.map((b) => ({ id: b.id, name: b.name }));
  readonly topics: Known[] = TOPICS.map((phrase) => ({ id: phrase.replace(/\s+/gu, '-'), name: phrase }));
  readonly instruments: (Known & { kind: string; status: string })[] = [];
  /** Entities defined by a document and reused by later ones, by a natural key (`pm:XA:3`). */
  readonly recurring = new Map<string, Known>();
  /** Agencies and places defined so far, per country id. */
  readonly agencies = new Map<string, Known[]>();
  readonly places = new Map<string, Known[]>();
  private readonly usedNames = new Set<string>();

  constructor(
    readonly random: Random,
    readonly scale: number,
  ) {
    // The instrument pool grows with the corpus: a few much-cited texts and a long tail.
    const count = 12 + scale;
    for (let i = 0; i < count; i += 1) {
      const form = INSTRUMENT_FORMS[i % INSTRUMENT_FORMS.length]!;
      const subject = INSTRUMENT_SUBJECTS[Math.floor(i / INSTRUMENT_FORMS.length) % INSTRUMENT_SUBJECTS.length]!;
      const round = Math.floor(i / (INSTRUMENT_FORMS.length * INSTRUMENT_SUBJECTS.length));
      const name = `${form.form} on ${subject}${round === 0 ? '' : ` ${round + 1}`}`;
      this.instruments.push({ id: `instrument-${String(i + 1).padStart(4, '0')}`, name, kind: form.kind, status: form.status });
    }
  }

  *referenceFiles(): Generator<CorpusFile> {
    const external = (fields: string[]) => [{ fields, reference: SYNTHETIC_REFERENCE_ID }];
    yield yamlFile('reference/sources.yaml', 'The one outside source of the synthetic corpus: the generator itself.', {
      references: [
        {
          id: SYNTHETIC_REFERENCE_ID,
          title: 'Synthetic test corpus (generated test data, not a real source)',
          description: 'Every node and text of this corpus is invented by bench/synthetic/generate-corpus.ts.',
        },
      ],
    });
    yield yamlFile('reference/countries.yaml', 'Invented countries (ISO 3166 user-assigned codes) and their governments.', {
      entities: [
        ...this.countries.map((c) => ({ type: 'Country', id: c.id, name: c.name })),
        ...this.governments.map((g, i) => ({
          type: 'Organisation',
          id: g.id,
          name: g.name,
          kind: 'GOVERNMENT',
          links: [{ type: 'BELONGS_TO', to: this.countries[i]!.id }],
          external: external(['kind', 'BELONGS_TO']),
        })),
      ],
    });
    yield yamlFile('reference/union.yaml', 'The bodies of an invented union of states.', {
      entities: UNION_BODIES.map((b) => ({
        type: 'Organisation',
        id: b.id,
        name: b.name,
        kind: b.kind,
        ...(b.id === 'union' ? { external: external(['kind']) } : { links: [{ type: 'BELONGS_TO', to: 'union' }], external: external(['kind', 'BELONGS_TO']) }),
      })),
    });
    yield yamlFile('reference/instruments.yaml', 'Invented instruments; the pool grows with the corpus.', {
      entities: this.instruments.map((i) => ({ type: 'Instrument', id: i.id, name: i.name, kind: i.kind, status: i.status, external: external(['kind', 'status']) })),
    });
    yield yamlFile('reference/topics.yaml', 'Policy themes.', {
      entities: this.topics.map((t) => ({ type: 'Topic', id: t.id, name: capitalise(t.name) })),
    });
  }

  *document(index: number): Generator<CorpusFile> {
    const builder = new DocumentBuilder(this, index);
    builder.build();
    yield { path: `documents/${builder.id}.txt`, content: builder.text() };
    yield yamlFile(`documents/${builder.id}.yaml`, `Synthetic document ${index + 1} of ${this.scale} (generated test data).`, builder.yaml());
  }

  /** A name not used before, so that a quote never names two generated entities by accident. */
  uniqueName(make: () => string): string {
    for (let attempt = 0; ; attempt += 1) {
      const name = attempt < 20 ? make() : `${make()} ${attempt}`;
      if (!this.usedNames.has(name)) {
        this.usedNames.add(name);
        return name;
      }
    }
  }
}

interface PartyPair {
  a: Known;
  b: Known;
  aIndex: number;
  bIndex: number;
}

/** One document: its passages as they will read, and the records whose quotes point into them. */
class DocumentBuilder {
  readonly id: string;
  private readonly random: Random;
  /** Passage texts in order (normalised: single spaces), with their kind and section. */
  private readonly passages: { text: string; bullet: boolean; heading?: string }[] = [];
  private readonly entities: Yaml[] = [];
  private readonly entityById = new Map<string, Yaml>();
  private readonly facts = new Map<string, Yaml>();
  private readonly given = new Set<string>();
  private readonly documentLinks: Yaml[] = [];
  private readonly date: Date;

  constructor(
    private readonly world: World,
    private readonly index: number,
  ) {
    this.id = `syn-${String(index + 1).padStart(4, '0')}`;
    this.random = world.random;
    // Spread over ten years, in order: later documents reuse what earlier ones defined.
    const day = Math.floor((index * 3650) / world.scale) + this.random.int(3);
    this.date = new Date(Date.UTC(2010, 0, 4) + day * 86_400_000);
  }

  build(): void {
    const { a, b, aIndex, bIndex } = this.pickParties();
    const dateText = formatDate(this.date);
    const term = Math.floor(this.index / 40);
    const meetingCity = this.place(a);

    // p01: the meeting and the heads of government.
    const pmA = this.person(`pm:${a.id}:${term}`, a);
    const pmB = this.person(`pm:${b.id}:${term}`, b);
    const p01 = this.addPassage(
      `On ${dateText}, on the invitation of ${a.name}, the Prime Ministers of ${a.name} and ${b.name}, ${pmA.name} and ${pmB.name}, met today in ${meetingCity.name} to consider the avenues for cooperation between our two countries.`,
    );
    const meeting = this.defineEvent('meeting', `Meeting of the Prime Ministers of ${a.name} and ${b.name} (${dateText})`, {
      kind: 'MEETING',
      date: iso(this.date),
      dateText,
      dateBasis: 'STATED',
      place: meetingCity.name,
    });
    this.mention(meeting, p01, 'met today');
    this.documentLinks.push({ type: 'RECORDS', to: meeting.id, passage: p01, quote: 'met today' });
    for (const country of [a, b]) this.mention(country, p01, country.name);
    this.mention(meetingCity, p01, meetingCity.name);
    this.link(meeting, { type: 'OCCURRED_IN', to: meetingCity.id, passage: p01, quote: `met today in ${meetingCity.name}` });
    const [govA, govB] = [this.world.governments[aIndex]!, this.world.governments[bIndex]!];
    for (const [pm, gov] of [
      [pmA, govA],
      [pmB, govB],
    ] as const) {
      this.mention(pm, p01, pm.name);
      this.link(pm, { type: 'HOLDS_OFFICE', to: gov.id, title: 'Prime Minister', asOf: iso(this.date), passage: p01, quote: `the Prime Ministers of ${a.name} and ${b.name}` });
      this.link(pm, { type: 'ATTENDED', to: meeting.id, passage: p01, quote: `${pmA.name} and ${pmB.name}, met today` });
    }

    // p02: the ministers in attendance, and an attack the text recalls.
    const ministers = (['Interior', 'Justice'] as const).flatMap((portfolio) =>
      [a, b].map((country) => ({ portfolio, country, person: this.person(`${portfolio}:${country.id}:${term}`, country) })),
    );
    const attackCity = this.place(this.random.chance(0.5) ? a : b);
    const attackDate = new Date(this.date.getTime() - (3 + this.random.int(60)) * 86_400_000);
    const attackText = formatDate(attackDate);
    const [mIa, mIb, mJa, mJb] = ministers.map((m) => m.person.name);
    const attendance = `With the Ministers of the Interior, ${mIa} and ${mIb}, and the Ministers of Justice, ${mJa} and ${mJb}, in attendance`;
    const p02 = this.addPassage(`${attendance}, they recalled the attack that struck ${attackCity.name} on ${attackText} and the work done since.`);
    const attack = this.defineEvent('attack', `Attack in ${attackCity.name} (${attackText})`, {
      kind: 'ATTACK',
      date: iso(attackDate),
      dateText: attackText,
      dateBasis: 'STATED',
      place: attackCity.name,
    });
    this.mention(attack, p02, `the attack that struck ${attackCity.name}`);
    this.mention(attackCity, p02, attackCity.name);
    this.link(attack, { type: 'OCCURRED_IN', to: attackCity.id, passage: p02, quote: `the attack that struck ${attackCity.name}` });

    // p03: the ministries (recurring across documents) and the governments.
    const ministries = ministers.map((m) => this.ministry(m.portfolio, m.country));
    const p03 = this.addPassage(
      `The ${ministries.map((m) => m.name).join(', the ').replace(/, the ([^,]*)$/u, ' and the $1')} will report on progress to the ${govA.name} and the ${govB.name}.`,
    );
    ministers.forEach((m, i) => {
      const ministry = ministries[i]!;
      this.mention(m.person, p02, m.person.name);
      this.link(m.person, { type: 'ATTENDED', to: meeting.id, passage: p02, quote: attendance });
      this.mention(ministry, p03, ministry.name);
      this.link(m.person, {
        type: 'HOLDS_OFFICE',
        to: ministry.id,
        title: `Minister of ${m.portfolio === 'Interior' ? 'the Interior' : 'Justice'}`,
        asOf: iso(this.date),
        passage: p02,
        quote: `the Ministers of ${m.portfolio === 'Interior' ? 'the Interior' : 'Justice'}, ${m.country === a ? m.person.name : `${ministers.find((o) => o.portfolio === m.portfolio && o.country === a)!.person.name} and ${m.person.name}`}`,
      });
    });
    for (const gov of [govA, govB]) this.mention(gov, p03, gov.name);

    // p04: earlier instruments the text builds on.
    const [i1, i2] = this.distinct(2, () => this.instrument());
    const p04 = this.addPassage(
      `In keeping with the ${i1!.name} and the ${i2!.name}, the two Parties have expressed their determination to continue bolstering this cooperation.`,
    );
    this.mention(i1!, p04, i1!.name);
    this.mention(i2!, p04, i2!.name);
    if (this.random.chance(0.5)) this.link(i2!, { type: 'BUILDS_ON', to: i1!.id, passage: p04, quote: `the ${i1!.name} and the ${i2!.name}` });

    // p05: agencies created since (new each time: the long tail grows with the corpus).
    const created = [a, b, this.random.chance(0.5) ? a : b].map((country) => this.agency(country, true));
    const body = this.unionBody();
    const p05 = this.addPassage(
      `Concrete steps have been taken, including the creation of the ${created[0]!.name}, the ${created[1]!.name} and the ${created[2]!.name}, in cooperation with the ${body.name}.`,
    );
    for (const agency of created) this.mention(agency, p05, agency.name);
    this.mention(body, p05, body.name);

    // p06: the lead-in of the decisions; every commitment's parties quote it.
    const decided = `${a.name} and ${b.name} have decided`;
    const p06 = this.addPassage(`${decided}:`);

    let commitmentNumber = 0;
    for (let section = 0; section < SECTIONS; section += 1) {
      const topic = this.topic();
      const heading = `In ${topic.name} matters`;
      for (let bullet = 0; bullet < PASSAGES_PER_SECTION; bullet += 1) {
        const last = section === SECTIONS - 1 && bullet === PASSAGES_PER_SECTION - 1;
        const sentences: { quote: string; build: (passage: string) => void }[] = [];
        if (last) {
          sentences.push(this.followUpCommitment(++commitmentNumber, a, b, decided, p06));
        } else {
          const count = this.random.chance(0.6) ? 2 : 1;
          for (let s = 0; s < count; s += 1) sentences.push(this.commitment(++commitmentNumber, s === 0, a, b, topic, decided, p06));
        }
        const text = `${sentences.map((s) => s.quote).join('. ')}${last || bullet === PASSAGES_PER_SECTION - 1 ? '.' : ';'}`;
        const passage = this.addPassage(text, true, bullet === 0 ? heading : undefined);
        for (const sentence of sentences) sentence.build(passage);
      }
    }
  }

  /** A commitment sentence: parties, two organisations, two topics, an instrument, maybe a deadline. */
  private commitment(n: number, first: boolean, a: Known, b: Known, sectionTopic: Known, decided: string, p06: string) {
    const modalities = Object.keys(VERB_PHRASES);
    const modality = modalities[this.random.zipf(modalities.length, 1)]!;
    const verbPhrase = this.random.pick(VERB_PHRASES[modality]!);
    const object = this.random.pick(OBJECTS);
    const orgA = this.agency(this.random.chance(0.5) ? a : b, false);
    let orgB = this.random.chance(0.35) ? this.unionBody() : this.agency(this.random.chance(0.5) ? a : b, false);
    if (orgB.id === orgA.id) orgB = this.unionBody();
    const otherTopic = this.distinct(1, () => this.topic(), [sectionTopic.id])[0]!;
    const instrument = this.instrument();
    const deadlineYear = this.date.getUTCFullYear() + 1 + this.random.int(2);
    const withDeadline = this.random.chance(0.3);
    const deadlineText = `by the end of ${deadlineYear}`;
    const lead = first ? capitalise(verbPhrase) : `We also agree ${verbPhrase}`;
    const quote =
      `${lead} ${object} between the ${orgA.name} and the ${orgB.name} on ${sectionTopic.name} and ${otherTopic.name}, ` +
      `drawing on the ${instrument.name}${withDeadline ? `, ${deadlineText}` : ''}`;
    const id = `${this.id}-c${String(n).padStart(2, '0')}`;
    return {
      quote,
      build: (passage: string) => {
        const record = this.defineEntity({
          type: 'Commitment',
          id,
          name: `${capitalise(verbPhrase)} ${object} (${this.id}, commitment ${n})`,
          summary: `${capitalise(verbPhrase)} ${object} between the ${orgA.name} and the ${orgB.name}.`,
          passage,
          quote,
          verbPhrase,
          modality,
          novelty: 'NEW',
          ...(withDeadline ? { deadline: `${deadlineYear}-12-31`, deadlineText, deadlineBasis: 'APPROXIMATE' } : {}),
        });
        const links = (record['links'] = [] as Yaml[]);
        for (const party of [a, b]) links.push({ type: 'PARTY_TO', from: party.id, passage: p06, quote: decided });
        for (const [org, role] of [
          [orgA, 'PARTNER'],
          [orgB, 'CHANNEL'],
        ] as const) {
          this.mention(org, passage, org.name);
          links.push({ type: 'INVOLVES', to: org.id, role, quote: org.name });
        }
        for (const topic of [sectionTopic, otherTopic]) {
          this.mention(topic, passage, topic.name);
          links.push({ type: 'ON_TOPIC', to: topic.id, quote: topic.name });
        }
        this.mention(instrument, passage, instrument.name);
        links.push({ type: 'CONCERNS', to: instrument.id, quote: instrument.name });
        // Now and then a text repeats itself: the curated seed marks such pairs.
        if (!first && n > 1 && this.random.chance(0.1)) {
          links.push({ type: 'NEAR_DUPLICATE_OF', to: `${this.id}-c${String(n - 1).padStart(2, '0')}`, quote: object, note: 'Same bullet, same object.' });
        }
      },
    };
  }

  /** The last bullet: a follow-up meeting, a planned event with a stated date. */
  private followUpCommitment(n: number, a: Known, b: Known, decided: string, p06: string) {
    const city = this.place(this.random.chance(0.5) ? a : b);
    const when = new Date(this.date.getTime() + (30 + this.random.int(270)) * 86_400_000);
    const whenText = formatDate(when);
    const quote = `To hold a follow-up meeting in ${city.name} on ${whenText}`;
    return {
      quote,
      build: (passage: string) => {
        const event = this.defineEvent('follow-up', `Follow-up meeting of ${a.name} and ${b.name} (${whenText})`, {
          kind: 'PLANNED_MEETING',
          date: iso(when),
          dateText: whenText,
          dateBasis: 'STATED',
          place: city.name,
        });
        this.mention(event, passage, 'a follow-up meeting');
        this.mention(city, passage, city.name);
        this.link(event, { type: 'OCCURRED_IN', to: city.id, passage, quote: `a follow-up meeting in ${city.name}` });
        this.defineEntity({
          type: 'Commitment',
          id: `${this.id}-c${String(n).padStart(2, '0')}`,
          name: `Follow-up meeting (${this.id}, commitment ${n})`,
          summary: `Hold a follow-up meeting in ${city.name}.`,
          passage,
          quote,
          verbPhrase: 'to hold',
          modality: 'ACT',
          novelty: 'NEW',
          deadline: iso(when),
          deadlineText: whenText,
          deadlineBasis: 'STATED',
          links: [
            ...[a, b].map((party) => ({ type: 'PARTY_TO', from: party.id, passage: p06, quote: decided })),
            { type: 'HAS_DEADLINE_EVENT', to: event.id, quote: 'a follow-up meeting' },
          ],
        });
      },
    };
  }

  private pickParties(): PartyPair {
    const count = this.world.countries.length;
    const aIndex = this.random.zipf(count, 1.2);
    let bIndex = this.random.zipf(count, 1.2);
    while (bIndex === aIndex) bIndex = this.random.zipf(count, 1.2);
    return { a: this.world.countries[aIndex]!, b: this.world.countries[bIndex]!, aIndex, bIndex };
  }

  /** A minister or head of government: the same person for 40 documents in a row, then another. */
  private person(key: string, country: Known): Known {
    return this.recurring(key, () => {
      const name = this.world.uniqueName(() => `${this.random.pick(FIRST_NAMES)} ${inventWord(this.random.pick, 2 + this.random.int(2))}`);
      const [role] = key.split(':');
      const id = `person-${key.replaceAll(':', '-').toLowerCase()}`;
      return { id, name, record: { type: 'Person', id, name, description: `${role === 'pm' ? 'Head of government' : `Minister (${role})`} of ${country.name} in the synthetic corpus.` } };
    });
  }

  private ministry(portfolio: 'Interior' | 'Justice', country: Known): Known {
    return this.recurring(`ministry:${portfolio}:${country.id}`, () => {
      const name = `Ministry of ${portfolio === 'Interior' ? 'the Interior' : 'Justice'} of ${country.name}`;
      const id = `${country.id.toLowerCase()}-ministry-of-${portfolio.toLowerCase()}`;
      return { id, name, record: { type: 'Organisation', id, name, kind: 'MINISTRY' }, links: [{ type: 'BELONGS_TO', to: country.id, quote: name }] };
    });
  }

  /** A place in `country`: mostly one named before (Zipf), sometimes a new one. */
  private place(country: Known): Known {
    const known = this.world.places.get(country.id) ?? [];
    this.world.places.set(country.id, known);
    if (known.length > 0 && !this.random.chance(0.25)) return known[this.random.zipf(known.length)]!;
    const name = this.world.uniqueName(() => inventWord(this.random.pick, 2 + this.random.int(2)));
    const id = `${country.id.toLowerCase()}-place-${known.length + 1}`;
    const place: Known = { id, name, definedIn: this.id };
    known.push(place);
    this.defineEntity({ type: 'Place', id, name, kind: 'CITY', links: [] });
    this.pendingLocations.push({ place, country });
    return place;
  }

  /** Places defined here are LOCATED_IN their country, quoted once the passage exists. */
  private readonly pendingLocations: { place: Known; country: Known }[] = [];

  /** An agency of `country`: new (always when `fresh`), or one that earlier texts named. */
  private agency(country: Known, fresh: boolean): Known {
    const known = this.world.agencies.get(country.id) ?? [];
    this.world.agencies.set(country.id, known);
    if (!fresh && known.length > 0 && !this.random.chance(0.15)) return known[this.random.zipf(known.length, 0.9)]!;
    const city = this.place(country);
    const name = this.world.uniqueName(() => `${city.name} ${this.random.pick(AGENCY_KINDS)}`);
    const id = `${country.id.toLowerCase()}-agency-${known.length + 1}`;
    const agency: Known = { id, name, definedIn: this.id };
    known.push(agency);
    this.defineEntity({ type: 'Organisation', id, name, kind: 'SERVICE', links: [] });
    this.pendingAgencies.push({ agency, country, city });
    return agency;
  }

  private readonly pendingAgencies: { agency: Known; country: Known; city: Known }[] = [];

  private unionBody(): Known {
    return this.world.unionBodies[this.random.zipf(this.world.unionBodies.length, 1)]!;
  }

  private topic(): Known {
    return this.world.topics[this.random.zipf(this.world.topics.length, 0.8)]!;
  }

  private instrument(): Known {
    return this.world.instruments[this.random.zipf(this.world.instruments.length, 1)]!;
  }

  private distinct(count: number, draw: () => Known, exclude: readonly string[] = []): Known[] {
    const picked: Known[] = [];
    while (picked.length < count) {
      const next = draw();
      if (!exclude.includes(next.id) && !picked.some((p) => p.id === next.id)) picked.push(next);
    }
    return picked;
  }

  /** An entity reused across documents: defined by the first document that needs it. */
  private recurring(key: string, make: () => { id: string; name: string; record: Yaml; links?: Yaml[] }): Known {
    const existing = this.world.recurring.get(key);
    if (existing !== undefined) return existing;
    const made = make();
    const known: Known = { id: made.id, name: made.name, definedIn: this.id };
    this.world.recurring.set(key, known);
    this.defineEntity({ ...made.record, links: [] });
    if (made.links !== undefined) this.pendingNamedLinks.push({ owner: known, links: made.links });
    return known;
  }

  /** Links whose quote is the owner's name: written in the passage that first mentions it. */
  private readonly pendingNamedLinks: { owner: Known; links: Yaml[] }[] = [];

  private defineEvent(suffix: string, name: string, properties: Yaml): Known {
    const id = `${this.id}-${suffix}`;
    this.defineEntity({ type: 'Event', id, name, ...properties, links: [] });
    return { id, name, definedIn: this.id };
  }

  private defineEntity(record: Yaml): Yaml {
    const id = record['id'] as string;
    const existing = this.entityById.get(id);
    if (existing !== undefined) return existing;
    this.entities.push(record);
    this.entityById.set(id, record);
    return record;
  }

  /** The record that carries mentions and links for `entity` in this document. */
  private holder(entity: Known): Yaml {
    const own = this.entityById.get(entity.id);
    if (own !== undefined) return own;
    let facts = this.facts.get(entity.id);
    if (facts === undefined) {
      facts = { id: entity.id };
      this.facts.set(entity.id, facts);
    }
    return facts;
  }

  private mention(entity: Known, passage: string, quote: string): void {
    const key = `${entity.id}|${passage}|${quote}`;
    if (this.given.has(key)) return;
    this.given.add(key);
    const holder = this.holder(entity);
    ((holder['mentions'] ??= []) as Yaml[]).push({ passage, quote });
    this.writePendingLinks(entity, passage);
  }

  private writePendingLinks(entity: Known, passage: string): void {
    for (const pending of this.pendingNamedLinks.filter((p) => p.owner.id === entity.id)) {
      for (const link of pending.links) this.link(entity, { ...link, passage });
      pending.links = [];
    }
    for (const pending of this.pendingLocations.filter((p) => p.place.id === entity.id)) {
      // The country is a party, mentioned in p01; the place's own name is the quote.
      this.link(pending.place, { type: 'LOCATED_IN', to: pending.country.id, passage, quote: pending.place.name });
    }
    this.pendingLocations.splice(0, this.pendingLocations.length, ...this.pendingLocations.filter((p) => p.place.id !== entity.id));
    for (const pending of this.pendingAgencies.filter((p) => p.agency.id === entity.id)) {
      this.mention(pending.city, passage, pending.city.name);
      this.link(pending.agency, { type: 'BELONGS_TO', to: pending.country.id, passage, quote: pending.agency.name });
      this.link(pending.agency, { type: 'LOCATED_IN', to: pending.city.id, passage, quote: pending.agency.name });
    }
    this.pendingAgencies.splice(0, this.pendingAgencies.length, ...this.pendingAgencies.filter((p) => p.agency.id !== entity.id));
  }

  private link(owner: Known, link: Yaml): void {
    const key = `${owner.id}|${JSON.stringify(link)}`;
    if (this.given.has(key)) return;
    this.given.add(key);
    const holder = this.holder(owner);
    ((holder['links'] ??= []) as Yaml[]).push(link);
  }

  private addPassage(text: string, bullet = false, heading?: string): string {
    this.passages.push({ text, bullet, ...(heading === undefined ? {} : { heading }) });
    return `p${String(this.passages.length).padStart(2, '0')}`;
  }

  /** The source text, wrapped like extracted PDF text; its parse gives back `passages`. */
  text(): string {
    const lines: string[] = [];
    this.passages.forEach((passage, index) => {
      if (passage.heading !== undefined) lines.push('', `${passage.heading}:`, '');
      else if (!passage.bullet && index > 0) lines.push('');
      const wrapped = wrap(passage.text, LINE_WIDTH);
      lines.push(...wrapped.map((line, i) => (passage.bullet ? (i === 0 ? `- ${line}` : `  ${line}`) : line)));
    });
    return `${lines.join('\n')}\n`;
  }

  yaml(): Yaml {
    const clean = (record: Yaml): Yaml => {
      const copy = { ...record };
      for (const key of ['links', 'mentions']) if (Array.isArray(copy[key]) && (copy[key] as unknown[]).length === 0) delete copy[key];
      return copy;
    };
    return {
      document: {
        id: this.id,
        title: `Joint statement on internal security (synthetic document ${this.index + 1})`,
        kind: 'JOINT_STATEMENT',
        date: iso(this.date),
        dateBasis: 'STATED',
        language: 'en',
        sourceFile: `${this.id}.txt`,
        links: this.documentLinks,
      },
      entities: this.entities.map(clean),
      ...(this.facts.size > 0 ? { facts: [...this.facts.values()].map(clean) } : {}),
    };
  }
}

function yamlFile(path: string, comment: string, data: Yaml): CorpusFile {
  return { path, content: `# ${comment}\n# Generated by bench/synthetic (test data): every name and fact is invented.\n${stringify(data, { lineWidth: 0 })}` };
}

/** Breaks text at spaces into lines of at most `width` characters (longer words stay whole). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function iso(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function formatDate(date: Date): string {
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}
