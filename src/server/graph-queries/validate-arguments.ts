import { AppError, ErrorCode } from '../../errors.ts';

/** Rejects a whole number outside [min, max] with BAD_USER_INPUT naming the argument. */
export function assertIntegerInRange(argument: string, value: number, min: number, max: number): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `${argument} must be a whole number from ${min} to ${max}; got ${value}.`, {
      details: { argument, value, min, max },
    });
  }
  return value;
}

/** Rejects an empty or whitespace-only id with BAD_USER_INPUT. */
export function assertNonEmpty(argument: string, value: string): string {
  const trimmed = value.trim();
  if (trimmed === '') {
    throw new AppError(ErrorCode.BAD_USER_INPUT, `${argument} must not be empty.`, { details: { argument } });
  }
  return trimmed;
}

export function notFound(what: string, id: string, argument: string): AppError {
  return new AppError(ErrorCode.NOT_FOUND, `No ${what} has id "${id}".`, {
    details: { argument, id },
    hint: 'Use search(text:) to find ids.',
  });
}
