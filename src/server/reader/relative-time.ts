/**
 * "3 hours ago" for the timeline, and the calendar date once an event is
 * older than a month (a relative "14 months ago" says less than the date).
 * The exact time goes in the `<time>` element's title and datetime; this only
 * makes the words.
 */

const UNITS: [limitSeconds: number, unitSeconds: number, unit: string][] = [
  [60, 1, 'second'],
  [3600, 60, 'minute'],
  [86_400, 3600, 'hour'],
  [30 * 86_400, 86_400, 'day'],
];

export function relativeTime(iso: string, now: Date): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  const seconds = Math.round((now.getTime() - time) / 1000);
  if (seconds < 0) return calendarDate(time);
  if (seconds < 45) return 'just now';
  for (const [limit, size, unit] of UNITS) {
    if (seconds < limit) {
      const count = Math.max(1, Math.floor(seconds / size));
      return `${count} ${unit}${count === 1 ? '' : 's'} ago`;
    }
  }
  return calendarDate(time);
}

function calendarDate(time: number): string {
  return new Date(time).toISOString().slice(0, 10);
}

/** `2022-01-12 01:43 UTC`: exact, unambiguous, for titles and print. */
export function exactTime(iso: string): string {
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return iso;
  return `${new Date(time).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
