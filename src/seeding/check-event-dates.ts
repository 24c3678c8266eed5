/** An event's date says how it is known, and the words it is dated by occur in its document. */
import { collapseWhitespace } from '../documents/parse-statement.ts';
import { ErrorCode } from '../errors.ts';
import type { DocumentContext } from './parse-seed-records.ts';
import type { ProblemCollector, RecordOrigin } from './seed-problems.ts';
import type { SeedEntity } from './seed-schema.ts';

type SeedEvent = Extract<SeedEntity, { type: 'Event' }>;

export function checkEventDates(collect: ProblemCollector, value: SeedEvent, origin: RecordOrigin, context: DocumentContext): void {
  if (value.date !== undefined && value.dateBasis === undefined) {
    collect.add('SCHEMA', origin, ['dateBasis'], 'required when date is set (STATED, YEAR_INFERRED, EXTERNAL or APPROXIMATE)');
  }
  if (value.dateText === undefined || !context.loaded) return;
  const wanted = collapseWhitespace(value.dateText).toLowerCase();
  // Only this document's passages are searched: the cost stays per document as the corpus grows.
  if (![...context.passages.values()].some((passage) => passage.text.toLowerCase().includes(wanted))) {
    collect.add(ErrorCode.QUOTE_NOT_FOUND, origin, ['dateText'], `dateText "${value.dateText}" does not occur in any passage of ${context.id}`);
  }
}
