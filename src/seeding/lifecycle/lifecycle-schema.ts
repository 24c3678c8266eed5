/**
 * The shape of `seed/lifecycle/*.yaml` (docs/graph-model.md, "Lifecycle"): external facts about
 * instruments and meetings, each quoting the Reference it comes from. Strict, like the other seed
 * schemas, so that a misspelt key is reported. Cross-record rules are in build-lifecycle-plan.ts.
 */
import { z } from 'zod';
import {
  DATE_PRECISIONS,
  LIFECYCLE_STATUSES,
  SOURCE_KINDS,
  STEP_KINDS,
  STEP_ROLES,
  STEP_STAGES,
  SUCCESSIONS,
  VERDICTS,
} from '../../graph/lifecycle.ts';
import { INSTRUMENT_KINDS, isoDate } from '../seed-schema.ts';

const KEBAB_ID = /^[a-z0-9]+(?:-[a-z0-9]+)*$/u;
const kebabId = z.string().regex(KEBAB_ID, 'ids are lowercase kebab-case (etias-adoption-council)');
const idRef = z.string().min(1);
const text = z.string().trim().min(1, 'must not be empty');
/** CELEX numbers: sector digit, year, document type, number (32018R1240, 52018PC0225, 62019CJ0817). */
const celex = z.string().regex(/^\d{5}[A-Z]{1,2}\d{4}$/u, 'a CELEX number (32018R1240)');

/** A source for one fact: the Reference and the sentence quoted from it. */
export const sourceQuoteSchema = z.strictObject({ reference: idRef, quote: text });
export type SourceQuote = z.infer<typeof sourceQuoteSchema>;

export const lifecycleReferenceSchema = z.strictObject({
  id: kebabId,
  title: text,
  url: z.url(),
  sourceKind: z.enum(SOURCE_KINDS),
});

/** A successor act: a new Instrument that a seed instrument became or was replaced by. */
export const actSchema = z.strictObject({
  id: kebabId,
  name: text,
  aliases: z.array(text).optional(),
  kind: z.enum(INSTRUMENT_KINDS),
  celex,
  title: text,
  successorOf: z.strictObject({ instrument: idRef, how: z.enum(SUCCESSIONS), step: idRef }),
  source: sourceQuoteSchema,
});

export const stepSchema = z.strictObject({
  id: kebabId,
  name: text,
  kind: z.enum(STEP_KINDS),
  stage: z.enum(STEP_STAGES).optional(),
  date: isoDate,
  datePrecision: z.enum(DATE_PRECISIONS).optional(),
  yearInferred: z.boolean().optional(),
  act: text,
  celex: celex.optional(),
  of: z
    .array(z.strictObject({ instrument: idRef, role: z.enum(STEP_ROLES), status: z.enum(LIFECYCLE_STATUSES).optional() }))
    .min(1, 'name the instrument(s) whose step this is'),
  note: text.optional(),
  /** A court ruling's outcome: the sentence of a source that says what the court decided. */
  ruling: sourceQuoteSchema.optional(),
  sources: z.array(sourceQuoteSchema).min(1, 'a step needs at least one source'),
});

export const disagreementSchema = z.strictObject({
  id: kebabId,
  name: text,
  verdict: z.enum(VERDICTS),
  instrument: idRef.optional(),
  claim: z.strictObject({
    document: idRef,
    passage: z.string().regex(/^p\d{2,}$/u, 'a passage is written pNN (p07) within its document'),
    quote: text,
    event: idRef,
  }),
  steps: z.array(idRef),
  sources: z.array(sourceQuoteSchema).min(1, 'a disagreement needs the source that disagrees'),
  explanation: text,
});

export const meetingSchema = z.strictObject({
  id: kebabId,
  name: text.optional(),
  series: text,
  /** An Event the seed defines already (the statement's own meeting): linked, not duplicated. */
  event: idRef.optional(),
  /** A meeting (the default) or a conference of a series. */
  kind: z.enum(['MEETING', 'CONFERENCE']).optional(),
  date: isoDate.optional(),
  endDate: isoDate.optional(),
  place: text.optional(),
  ordinal: z.number().int().positive().optional(),
  document: idRef,
  note: text.optional(),
  sources: z.array(sourceQuoteSchema).min(1, 'a meeting needs at least one source'),
});

export const lifecycleFileSchema = z.strictObject({
  references: z.array(z.unknown()).optional(),
  acts: z.array(z.unknown()).optional(),
  steps: z.array(z.unknown()).optional(),
  disagreements: z.array(z.unknown()).optional(),
  meetings: z.array(z.unknown()).optional(),
});

export type LifecycleReference = z.infer<typeof lifecycleReferenceSchema>;
export type LifecycleAct = z.infer<typeof actSchema>;
export type LifecycleStep = z.infer<typeof stepSchema>;
export type LifecycleDisagreement = z.infer<typeof disagreementSchema>;
export type LifecycleMeeting = z.infer<typeof meetingSchema>;
