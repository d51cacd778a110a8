/**
 * Publication dates: reads the date forms that feeds and scraped articles use
 * (RFC 822/1123, ISO 8601, `2022-01-05 10:00`, `2022年1月5日`, Epoch Times
 * datelines `【大纪元2022年02月02日讯】`, US `02/17/2022`, compact `20220223`,
 * URL paths `/gb/22/2/1/`) and writes them as ISO 8601 with `Z` or an offset.
 *
 * A value without a time zone is read in the zone the caller gives (the
 * outlet's zone); a date-only value becomes midnight in that zone. It does not
 * guess which date in a document is the publication date; the format readers
 * decide that and use `findDatesInText` only as their last resort.
 */
import { DateTime } from 'luxon';

/** The zone of Chinese-language datelines when the outlet says nothing else. */
export const DEFAULT_ZONE = 'Asia/Shanghai';

const EARLIEST = DateTime.fromISO('1990-01-01T00:00:00Z');
/** Clocks and time zones disagree by hours, never by days; more than this is a broken date. */
const FUTURE_SLACK_DAYS = 2;

/** ISO 8601 as we store it: `Z` for UTC, else the offset; no milliseconds. */
export function formatIso(date: DateTime): string {
  const value = date.offset === 0 ? date.toUTC() : date;
  const iso = value.toISO({ suppressMilliseconds: true });
  if (iso === null) throw new RangeError(`invalid date: ${date.invalidExplanation ?? 'unknown'}`);
  return iso;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH_NAMES = 'January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec';

function monthNumber(name: string): number {
  return MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
}

function midnight(year: number, month: number, day: number, zone: string): DateTime | null {
  const date = DateTime.fromObject({ year, month, day }, { zone });
  return date.isValid ? date : null;
}

/**
 * Parses one date value (a front-matter field, a feed date, a `<div><i>` date).
 * Returns null for text that is not a date; never throws.
 */
export function parseDate(value: string, zone: string = DEFAULT_ZONE): DateTime | null {
  const text = value.trim().replace(/\s+/g, ' ');
  if (text === '') return null;

  const rfc = DateTime.fromRFC2822(text, { setZone: true });
  if (rfc.isValid) return rfc;
  // A weekday that does not match the date ("Sat, 01 Jan 2010") is a slip of the feed's author; the date stands.
  if (rfc.invalidExplanation?.includes('weekday') && /^[A-Za-z]{3},/.test(text)) {
    const withoutWeekday = DateTime.fromRFC2822(text.replace(/^[A-Za-z]{3},\s*/, ''), { setZone: true });
    if (withoutWeekday.isValid) return withoutWeekday;
  }
  // rss-parser and some scrapers write RFC 822 with a zone name luxon does not know (`EST`, `UTC`).
  const rfcNamed = parseRfc822WithZoneName(text);
  if (rfcNamed) return rfcNamed;
  const http = DateTime.fromHTTP(text, { setZone: true });
  if (http.isValid) return http;

  const iso = DateTime.fromISO(text.replace(' ', 'T'), { zone, setZone: true });
  if (iso.isValid) return iso;

  for (const format of ['yyyy-MM-dd HH:mm', 'yyyy-MM-dd HH:mm:ss', 'yyyy/MM/dd HH:mm', 'yyyy/MM/dd HH:mm:ss', 'yyyy/M/d']) {
    const date = DateTime.fromFormat(text, format, { zone });
    if (date.isValid) return date;
  }

  const cjk = /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日(?:\s*(\d{1,2})[:：](\d{2}))?/.exec(text);
  if (cjk) {
    const [, y, m, d, hh, mm] = cjk;
    const date = DateTime.fromObject(
      { year: Number(y), month: Number(m), day: Number(d), hour: hh ? Number(hh) : 0, minute: mm ? Number(mm) : 0 },
      { zone },
    );
    return date.isValid ? date : null;
  }
  return null;
}

const ZONE_NAMES: Record<string, string> = {
  UT: '+0000', UTC: '+0000', GMT: '+0000', Z: '+0000',
  EST: '-0500', EDT: '-0400', CST: '-0600', CDT: '-0500', MST: '-0700', MDT: '-0600', PST: '-0800', PDT: '-0700',
};

function parseRfc822WithZoneName(text: string): DateTime | null {
  const match = /^(.*\d{1,2}:\d{2}(?::\d{2})?)\s+([A-Z]{1,4})$/.exec(text);
  if (!match) return null;
  const offset = ZONE_NAMES[match[2] ?? ''];
  if (!offset) return null;
  const date = DateTime.fromRFC2822(`${match[1]} ${offset}`, { setZone: true });
  return date.isValid ? date : null;
}

/** `【大纪元2022年02月02日讯】` and the like (`【新唐人2022年1月5日讯】`). */
export function datelineDate(text: string, zone: string = DEFAULT_ZONE): DateTime | null {
  const match = /【[^】\d]{0,12}(\d{4})年(\d{1,2})月(\d{1,2})日讯】/.exec(text);
  if (!match) return null;
  return midnight(Number(match[1]), Number(match[2]), Number(match[3]), zone);
}

/** Epoch Times paths carry the day of publication: `/gb/22/2/1/n13547108.htm`. */
export function urlPathDate(url: string, zone: string = DEFAULT_ZONE): DateTime | null {
  let path: string;
  try {
    path = new URL(url).pathname;
  } catch {
    return null;
  }
  const short = /\/(?:gb|b5)\/(\d{2})\/(\d{1,2})\/(\d{1,2})\//.exec(path);
  if (short) return midnight(2000 + Number(short[1]), Number(short[2]), Number(short[3]), zone);
  const long = /\/((?:19|20)\d{2})\/(\d{1,2})\/(\d{1,2})\//.exec(path);
  if (long) return midnight(Number(long[1]), Number(long[2]), Number(long[3]), zone);
  return null;
}

/**
 * A line that is nothing but a date: GNews' trailing `2021年12月31日`, a
 * leading `02/17/2022`, a compact `20220223`.
 */
export function dateLineValue(line: string, zone: string = DEFAULT_ZONE): DateTime | null {
  const text = line.replace(/[*_`\s]/g, '');
  let match = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(text);
  if (match) return midnight(Number(match[1]), Number(match[2]), Number(match[3]), zone);
  match = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})$/.exec(text);
  if (match) return midnight(Number(match[1]), Number(match[2]), Number(match[3]), zone);
  match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (match) return midnight(Number(match[3]), Number(match[1]), Number(match[2]), zone);
  match = /^((?:19|20)\d{2})(\d{2})(\d{2})$/.exec(text);
  if (match) return midnight(Number(match[1]), Number(match[2]), Number(match[3]), zone);
  return null;
}

/** A date written somewhere in running text, with where it was found. */
export interface TextDate {
  date: DateTime;
  index: number;
}

/**
 * Every full date (year, month and day) written in the text: `2022年1月5日`,
 * `2022-01-05`, `2022/1/5`, US `01/05/2022`. Partial dates (`1月5日`,
 * `31日`) are skipped: without the year they cannot be placed.
 */
export function findDatesInText(text: string, zone: string = DEFAULT_ZONE): TextDate[] {
  const found: TextDate[] = [];
  const patterns: Array<[RegExp, (m: RegExpExecArray) => DateTime | null]> = [
    [/((?:19|20)\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g, (m) => midnight(Number(m[1]), Number(m[2]), Number(m[3]), zone)],
    [/(?<![\d/])((?:19|20)\d{2})[-/.](\d{1,2})[-/.](\d{1,2})(?![\d/])/g, (m) => midnight(Number(m[1]), Number(m[2]), Number(m[3]), zone)],
    [/(?<![\d/])(\d{1,2})\/(\d{1,2})\/((?:19|20)\d{2})(?![\d/])/g, (m) => midnight(Number(m[3]), Number(m[1]), Number(m[2]), zone)],
    // English dates in quoted posts and embedded tweets: "February 22, 2022", "Feb. 22 2022", "22 February 2022".
    [new RegExp(`\\b(${MONTH_NAMES})\\.?\\s+(\\d{1,2}),?\\s+((?:19|20)\\d{2})\\b`, 'gi'), (m) => midnight(Number(m[3]), monthNumber(m[1]!), Number(m[2]), zone)],
    [new RegExp(`\\b(\\d{1,2})\\s+(${MONTH_NAMES})\\.?,?\\s+((?:19|20)\\d{2})\\b`, 'gi'), (m) => midnight(Number(m[3]), monthNumber(m[2]!), Number(m[1]), zone)],
  ];
  for (const [pattern, read] of patterns) {
    for (const match of text.matchAll(pattern)) {
      const date = read(match as RegExpExecArray);
      if (date) found.push({ date, index: match.index ?? 0 });
    }
  }
  return found.sort((a, b) => a.index - b.index);
}

/**
 * The date as stored, or null when it is absurd: before 1990, or more than two
 * days after the reference time (when the document was fetched, else now), or
 * with an offset no zone has (beyond ±14:00: `+25:00` parses, but no reader
 * accepts it and the instant it meant cannot be known).
 */
export function plausibleIso(date: DateTime | null, reference: DateTime = DateTime.now()): string | null {
  if (!date || !date.isValid) return null;
  if (Math.abs(date.offset) > 14 * 60) return null;
  if (date < EARLIEST) return null;
  if (date > reference.plus({ days: FUTURE_SLACK_DAYS })) return null;
  return formatIso(date);
}

/** Parses an ISO value written by `formatIso` (or any ISO 8601), keeping its offset. */
export function fromIso(value: string): DateTime | null {
  const date = DateTime.fromISO(value, { setZone: true });
  return date.isValid ? date : null;
}

/**
 * Month-and-day mentions (`2月23日`, `2月23号`) placed in the year they most
 * likely belong to, given the month the document is known to come from
 * (e.g. from its image upload path): a mention in that month, or in the
 * week before it, is taken; anything else is too uncertain and skipped. A
 * post's images are uploaded as it is written, so it was published in that
 * month: a day mentioned weeks earlier ("在1月7日访问" in a February post) is
 * background, not the day of writing.
 * Full dates written in the text are included when they fall in the same window.
 */
export function datesNearMonth(text: string, year: number, month: number, zone: string = DEFAULT_ZONE): TextDate[] {
  const windowEnd = DateTime.fromObject({ year, month, day: 1 }, { zone }).plus({ months: 1 });
  const windowStart = windowEnd.minus({ months: 1 }).minus({ days: 7 });
  const inWindow = (date: DateTime | null): date is DateTime => date !== null && date >= windowStart && date < windowEnd;
  const found: TextDate[] = findDatesInText(text, zone).filter((entry) => inWindow(entry.date));
  for (const match of text.matchAll(/(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*[日号]/g)) {
    const m = Number(match[1]);
    const d = Number(match[2]);
    const date = midnight(m > month ? year - 1 : year, m, d, zone);
    if (inWindow(date)) found.push({ date, index: match.index ?? 0 });
  }
  return found.sort((a, b) => a.index - b.index);
}

/** "将于2022年1月10日" announces a later day, not the day of writing. */
const FUTURE_MARKER = /将于|将在|將於|將在|定于|定於|预计|預計|计划|計劃|截至|直到|到期/;

/** Whether the date found at `index` of `text` is announced as a later day (a marker in the six characters before it). */
export function announcesLaterDay(text: string, index: number): boolean {
  return FUTURE_MARKER.test(text.slice(Math.max(0, index - 6), index));
}
