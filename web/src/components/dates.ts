/** "12 September 2018" (UTC, so the day never shifts with the reader's time zone). */
export function formatDate(iso: string, precision: 'DAY' | 'MONTH' | null = 'DAY'): string {
  const [y, m, d] = iso.split('-').map(Number);
  const options: Intl.DateTimeFormatOptions =
    precision === 'MONTH' ? { month: 'long', year: 'numeric', timeZone: 'UTC' } : { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' };
  return new Date(Date.UTC(y!, m! - 1, d!)).toLocaleDateString('en-GB', options);
}

/** Today as YYYY-MM-DD in UTC, the server's "today" for status and follow-through. */
export function todayIso(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The ISO date `days` after `iso` (negative: before). */
export function addDays(iso: string, days: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** "93 days after", "2 years 10 months after" reads better than 1857 days; the exact count stays beside it. */
export function describeDelay(days: number): string {
  const size = Math.abs(days);
  const side = days < 0 ? 'before' : 'after';
  if (size === 0) return 'the same day';
  if (size < 60) return `${size} day${size === 1 ? '' : 's'} ${side}`;
  const months = Math.round(size / 30.44);
  if (months < 24) return `${months} months ${side}`;
  const years = Math.floor(months / 12);
  const rest = months % 12;
  return `${years} years${rest ? ` ${rest} month${rest === 1 ? '' : 's'}` : ''} ${side}`;
}
