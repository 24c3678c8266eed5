/** Finding a quoted span in its passage: the check behind "no fact without a source". */
import { collapseWhitespace, passageId, type ParsedPassage } from '../documents/parse-statement.ts';
import { ErrorCode } from '../errors.ts';
import type { PlanValue } from '../graph/graph-plan.ts';
import type { DocumentContext } from './parse-seed-records.ts';
import type { FieldPath, ProblemCollector, RecordOrigin } from './seed-problems.ts';

export interface FoundQuote {
  passage: ParsedPassage;
  /** The quote with whitespace collapsed: an exact substring of the passage text. */
  quote: string;
  start: number;
}

/**
 * A quote's place in its passage (`short` is `p07`; whitespace collapsed on both sides), or a
 * problem. Only that one passage is searched, so the cost does not grow with the corpus.
 */
export function findQuote(
  collect: ProblemCollector,
  context: DocumentContext,
  origin: RecordOrigin,
  field: FieldPath,
  short: string,
  quote: string,
  options: { anyCase?: boolean } = {},
): FoundQuote | undefined {
  if (!context.loaded) return undefined;
  const passage = context.passages.get(passageId(context.id, passageNumber(short)));
  const what = field.at(-1) === 'quote' ? 'quote' : String(field.at(-1));
  if (passage === undefined) {
    const last = [...context.passages.keys()].at(-1);
    const range = last === undefined ? 'it has none' : `p01-${shortPassageId(last)}`;
    const passageField = what === 'quote' ? [...field.slice(0, -1), 'passage'] : ['passage'];
    collect.add('UNKNOWN_PASSAGE', origin, passageField, `passage ${short} does not exist in ${context.id} (${range})`);
    return undefined;
  }
  const wanted = collapseWhitespace(quote);
  const start = options.anyCase ? passage.text.toLowerCase().indexOf(wanted.toLowerCase()) : passage.text.indexOf(wanted);
  if (start >= 0) return { passage, quote: wanted, start };
  const otherCase = !options.anyCase && passage.text.toLowerCase().includes(wanted.toLowerCase());
  collect.add(
    ErrorCode.QUOTE_NOT_FOUND,
    origin,
    field,
    `${what} "${wanted}" does not occur in passage ${passage.id}${otherCase ? ' (it does with other capitals)' : ''}: "${excerpt(passage.text)}"`,
  );
  return undefined;
}

/** Where a quote sits: its passage and its offsets in the passage text (end exclusive). */
export function quoteProvenance(documentId: string, found: FoundQuote): Record<string, PlanValue> {
  return {
    documentId,
    passageId: found.passage.id,
    quote: found.quote,
    quoteStart: found.start,
    quoteEnd: found.start + found.quote.length,
  };
}

/** `p07` -> 7. */
export function passageNumber(short: string): number {
  return Number(short.slice(1));
}

/** `doc#p07` -> `p07`. */
export function shortPassageId(id: string): string {
  return id.replace(/^.*#/u, '');
}

function excerpt(text: string): string {
  return text.length <= 120 ? text : `${text.slice(0, 117)}...`;
}
