/**
 * The shape of the seed files (docs/graph-model.md, "Seed files"): one zod schema per record
 * kind, strict so that a misspelt key is reported instead of silently dropped. Cross-record
 * rules (ids, passages, quotes, endpoints) are checked afterwards in build-seed-plan.ts.
 */
import { z } from 'zod';
import { INFERENCE_RULE_NAMES, NOVELTIES } from '../graph/fact-basis.ts';
import { LINK_TYPES } from '../graph/graph-plan.ts';

export const DATE_BASES = ['STATED', 'YEAR_INFERRED', 'EXTERNAL', 'APPROXIMATE'] as const;
export const DOCUMENT_KINDS = [
  'JOINT_STATEMENT',
  'JOINT_DECLARATION',
  'COMMUNIQUE',
  'PRESS_RELEASE',
  'AGREEMENT',
  'ACTION_PLAN',
  'SPEECH',
  'REPORT',
] as const;
export const PLACE_KINDS = ['CITY', 'REGION', 'BORDER_REGION'] as const;
export const ORGANISATION_KINDS = [
  'GOVERNMENT',
  'MINISTRY',
  'SERVICE',
  'PREFECTURE',
  'COOPERATION_CENTRE',
  'WORKING_GROUP',
  'COUNCIL',
  'EU_INSTITUTION',
  'EU_AGENCY',
  'COURT',
  'INTERNATIONAL',
  'PRIVATE_SECTOR',
] as const;
export const INSTRUMENT_KINDS = [
  'DIRECTIVE',
  'REGULATION',
  'LEGISLATIVE_PROPOSAL',
  'INFORMATION_SYSTEM',
  'JOINT_STATEMENT',
  'NOTICE',
  'CASE_LAW',
  'COOPERATION_MECHANISM',
  'INITIATIVE',
  'COMMITMENTS',
] as const;
export const INSTRUMENT_STATUSES = [
  'IN_FORCE',
  'ADOPTED',
  'ESTABLISHED',
  'PROPOSED',
  'UNDER_NEGOTIATION',
  'AGREED',
  'ENVISAGED',
  'IN_USE',
] as const;
export const EVENT_KINDS = [
  'ATTACK',
  'MEETING',
  'CONFERENCE',
  'ADOPTION',
  'ENTRY_INTO_FORCE',
  'ESTABLISHMENT',
  'PUBLICATION',
  'PLANNED_MEETING',
] as const;
export const MODALITIES = ['ACT', 'WORK_TOWARDS', 'CONSIDER', 'SUPPORT_OTHERS', 'CALL_ON_OTHERS'] as const;
export const INVOLVES_ROLES = ['PARTNER', 'CHANNEL', 'TARGET', 'BENEFICIARY', 'IMPLEMENTER'] as const;

const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;
const COUNTRY_ID = /^[A-Z]{2}$/u;

const kebabId = z.string().regex(KEBAB_ID, 'ids are lowercase kebab-case (edouard-philippe)');
const countryId = z.string().regex(COUNTRY_ID, 'country ids are ISO 3166-1 alpha-2 codes (FR)');
/** An id written in a link or `facts`: checked against the registry later, not by shape. */
const idRef = z.string().min(1);
const text = z.string().trim().min(1, 'must not be empty');
const quote = z.string().trim().min(1, 'a quote must not be empty');
const passageRef = z.string().regex(/^p\d{2,}$/u, 'a passage is written pNN (p07) within its document');

/** `YYYY-MM-DD`; a YAML 1.1 timestamp that arrives as a Date is accepted and turned back. */
export const isoDate = z.preprocess(
  (value) => (value instanceof Date && !Number.isNaN(value.getTime()) ? value.toISOString().slice(0, 10) : value),
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/u, 'dates are written YYYY-MM-DD')
    .superRefine((value, context) => {
      if (/^\d{4}-\d{2}-\d{2}$/u.test(value) && !isCalendarDate(value)) context.addIssue({ code: 'custom', message: `${value} is an impossible date: no such day in that month` });
    }),
);

/** Whether YYYY-MM-DD names a day that exists (2018-02-30 does not). */
function isCalendarDate(value: string): boolean {
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const externalSchema = z.strictObject({
  fields: z.array(text).min(1, 'name at least one field'),
  reference: idRef,
});

export const mentionSchema = z.strictObject({ passage: passageRef, quote });

const linkExtras = {
  HOLDS_OFFICE: { title: text.optional(), asOf: isoDate.optional() },
  PARTY_TO: { role: z.literal('PARTY').optional() },
  INVOLVES: { role: z.enum(INVOLVES_ROLES) },
  NEAR_DUPLICATE_OF: { note: text.optional() },
} as const;

/**
 * Links in document files carry a passage (or inherit the commitment's) and a quote; `rule`
 * marks a link the text does not state but the curators read from the quote by that rule.
 */
const documentLinkBase = {
  from: idRef.optional(),
  to: idRef.optional(),
  passage: passageRef.optional(),
  quote,
  rule: z.enum(INFERENCE_RULE_NAMES).optional(),
};
/** Links in reference files are external knowledge: no passage, no quote. */
const referenceLinkBase = { from: idRef.optional(), to: idRef.optional() };

function linkUnion<Base extends z.ZodRawShape>(base: Base) {
  const [first, ...rest] = LINK_TYPES.map((type) =>
    z.strictObject({
      type: z.literal(type),
      ...base,
      ...(type in linkExtras ? linkExtras[type as keyof typeof linkExtras] : {}),
    }),
  );
  // The spread keeps the tuple type discriminatedUnion wants.
  return z.discriminatedUnion('type', [first!, ...rest]);
}

export const documentLinkSchema = linkUnion(documentLinkBase);
export const referenceLinkSchema = linkUnion(referenceLinkBase);

export type DocumentLink = z.infer<typeof documentLinkSchema>;
export type ReferenceLink = z.infer<typeof referenceLinkSchema>;
export type SeedLink = DocumentLink | ReferenceLink;

const common = {
  id: kebabId,
  name: text,
  aliases: z.array(text).optional(),
  description: text.optional(),
  external: z.array(externalSchema).optional(),
};

/** Properties of each entity label, beyond the common ones. */
const labelProperties = {
  Country: { id: countryId },
  Place: { kind: z.enum(PLACE_KINDS) },
  Person: {},
  Organisation: { kind: z.enum(ORGANISATION_KINDS) },
  Instrument: {
    kind: z.enum(INSTRUMENT_KINDS),
    status: z.enum(INSTRUMENT_STATUSES).optional(),
    statusAsOf: isoDate.optional(),
  },
  Event: {
    kind: z.enum(EVENT_KINDS),
    date: isoDate.optional(),
    endDate: isoDate.optional(),
    dateText: text.optional(),
    dateBasis: z.enum(DATE_BASES).optional(),
    place: text.optional(),
  },
  Topic: {},
} as const;

const commitmentProperties = {
  summary: text,
  passage: passageRef,
  quote,
  verbPhrase: text,
  modality: z.enum(MODALITIES),
  novelty: z.enum(NOVELTIES),
  deadline: isoDate.optional(),
  deadlineText: text.optional(),
  deadlineBasis: z.enum(DATE_BASES).optional(),
  condition: text.optional(),
  section: text.optional(),
};

const documentEntityExtras = {
  mentions: z.array(mentionSchema).optional(),
  links: z.array(documentLinkSchema).optional(),
};
const referenceEntityExtras = { links: z.array(referenceLinkSchema).optional() };

export const documentEntitySchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('Country'), ...common, ...documentEntityExtras, ...labelProperties.Country }),
  z.strictObject({ type: z.literal('Place'), ...common, ...documentEntityExtras, ...labelProperties.Place }),
  z.strictObject({ type: z.literal('Person'), ...common, ...documentEntityExtras, ...labelProperties.Person }),
  z.strictObject({ type: z.literal('Organisation'), ...common, ...documentEntityExtras, ...labelProperties.Organisation }),
  z.strictObject({ type: z.literal('Instrument'), ...common, ...documentEntityExtras, ...labelProperties.Instrument }),
  z.strictObject({ type: z.literal('Event'), ...common, ...documentEntityExtras, ...labelProperties.Event }),
  z.strictObject({ type: z.literal('Commitment'), ...common, ...documentEntityExtras, ...commitmentProperties }),
  z.strictObject({ type: z.literal('Topic'), ...common, ...documentEntityExtras, ...labelProperties.Topic }),
]);

/** Reference files hold shared entities with external facts only: no mentions, no commitments. */
export const referenceEntitySchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('Country'), ...common, ...referenceEntityExtras, ...labelProperties.Country }),
  z.strictObject({ type: z.literal('Place'), ...common, ...referenceEntityExtras, ...labelProperties.Place }),
  z.strictObject({ type: z.literal('Person'), ...common, ...referenceEntityExtras, ...labelProperties.Person }),
  z.strictObject({ type: z.literal('Organisation'), ...common, ...referenceEntityExtras, ...labelProperties.Organisation }),
  z.strictObject({ type: z.literal('Instrument'), ...common, ...referenceEntityExtras, ...labelProperties.Instrument }),
  z.strictObject({ type: z.literal('Event'), ...common, ...referenceEntityExtras, ...labelProperties.Event }),
  z.strictObject({ type: z.literal('Topic'), ...common, ...referenceEntityExtras, ...labelProperties.Topic }),
]);

export type DocumentEntity = z.infer<typeof documentEntitySchema>;
export type ReferenceEntity = z.infer<typeof referenceEntitySchema>;
export type SeedEntity = DocumentEntity | ReferenceEntity;

/** A document file's `facts`: mentions and links for an entity defined elsewhere. */
export const factsSchema = z.strictObject({
  id: idRef,
  mentions: z.array(mentionSchema).optional(),
  links: z.array(documentLinkSchema).optional(),
});
export type SeedFacts = z.infer<typeof factsSchema>;

export const referenceSchema = z.strictObject({
  id: kebabId,
  title: text,
  url: z.url().optional(),
  name: text.optional(),
  aliases: z.array(text).optional(),
  description: text.optional(),
});
export type SeedReference = z.infer<typeof referenceSchema>;

export const documentSchema = z.strictObject({
  id: kebabId,
  title: text,
  name: text.optional(),
  aliases: z.array(text).optional(),
  description: text.optional(),
  kind: z.enum(DOCUMENT_KINDS),
  date: isoDate,
  dateBasis: z.enum(DATE_BASES),
  place: text.optional(),
  language: z.string().regex(/^[a-z]{2}$/u, 'an ISO 639-1 code (en)'),
  sourceFile: z.string().regex(/^[^/\\]+\.txt$/u, 'a .txt file name in seed/documents/').optional(),
  corpusFile: text.optional(),
  sha256: z.string().regex(/^[0-9a-f]{64}$/u, 'a lowercase hex SHA-256').optional(),
  external: z.array(externalSchema).optional(),
  links: z.array(documentLinkSchema).optional(),
});
export type SeedDocumentRecord = z.infer<typeof documentSchema>;

/** Top level of a file, checked before its records so that one bad record spoils nothing else. */
export const documentFileSchema = z.strictObject({
  document: z.unknown(),
  references: z.array(z.unknown()).optional(),
  entities: z.array(z.unknown()).optional(),
  facts: z.array(z.unknown()).optional(),
});
export const referenceFileSchema = z.strictObject({
  references: z.array(z.unknown()).optional(),
  entities: z.array(z.unknown()).optional(),
});
