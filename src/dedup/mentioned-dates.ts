/**
 * Dates an article mentions (`1月10日`, `周一（1月10日）`, `30日`, `星期二`,
 * `2022年2月24日`, `昨天`), resolved to calendar days against the item's
 * publication date. The first recent one is taken as the day of the reported
 * occurrence: reports of one event name the same day, reports of a follow-up
 * meeting two days later name another.
 *
 * Works on folded (simplified) text. Does not guess a year or month for an
 * undated item: without a publication date only dates with a month count.
 */

/** Days since 1970-01-01. */
export type DayNumber = number;

const DAY_MS = 86_400_000;

export function dayNumber(year: number, month: number, day: number): DayNumber {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}

/** The calendar day of an ISO 8601 timestamp in its own offset (the outlet's local day). */
export function localDay(iso: string): DayNumber | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!match) return null;
  return dayNumber(Number(match[1]), Number(match[2]), Number(match[3]));
}

const WEEKDAY: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };

const CHINESE_NUMERAL: Record<string, number> = { 〇: 0, 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };

function parseNumber(text: string): number {
  if (/^\d+$/.test(text)) return Number(text);
  // 十, 十一, 二十, 二十三, 三十一
  let value = 0;
  let current = 0;
  for (const char of text) {
    const digit = CHINESE_NUMERAL[char];
    if (digit === undefined) return Number.NaN;
    if (digit === 10) {
      value += (current || 1) * 10;
      current = 0;
    } else {
      current = digit;
    }
  }
  return value + current;
}

const NUM = '(\\d{1,4}|[一二三四五六七八九十〇零两]{1,3})';
const DATE_PATTERN = new RegExp(
  [
    `(?<ymd>(?<y>\\d{4})\\s*年\\s*(?<m1>${NUM.slice(1, -1)})\\s*月\\s*(?<d1>${NUM.slice(1, -1)})\\s*[日号])`,
    `(?<md>(?<![\\d年])(?<m2>${NUM.slice(1, -1)})\\s*月\\s*(?<d2>${NUM.slice(1, -1)})\\s*[日号])`,
    // `号` also numbers things (`北溪 2 号管道`, `1号文件`, `3号线`): not a day when a thing follows.
    `(?<d>(?<![\\d月年第])(?<d3>\\d{1,2})\\s*(?:日(?![元本报])|号(?![管线楼文令房机车船舱院床码字坑站台门库洞馆厅球病种人卫星舰艇弹井炉])))`,
    `(?<wd>(?:周|星期|礼拜)(?<w>[一二三四五六日天]))`,
    `(?<rel>今天|昨天|前天|昨日|前日)`,
  ].join('|'),
  'gu',
);

export interface MentionedDates {
  /** All resolved days, in text order, duplicates removed. */
  days: DayNumber[];
  /** The day taken as the occurrence day: the first resolved day near publication, else the first with a month. */
  primary: DayNumber | null;
}

/**
 * @param text folded title + lead text
 * @param reference the publication day, or null for an undated item
 */
export function mentionedDates(text: string, reference: DayNumber | null): MentionedDates {
  const days: DayNumber[] = [];
  let primary: DayNumber | null = null;
  let firstWithMonth: DayNumber | null = null;
  const refDate = reference === null ? null : new Date(reference * DAY_MS);
  for (const match of text.matchAll(DATE_PATTERN)) {
    const groups = match.groups ?? {};
    let day: DayNumber | null = null;
    let hasMonth = false;
    if (groups.ymd) {
      day = validDay(Number(groups.y), parseNumber(groups.m1 ?? ''), parseNumber(groups.d1 ?? ''));
      hasMonth = true;
    } else if (groups.md) {
      const month = parseNumber(groups.m2 ?? '');
      const date = parseNumber(groups.d2 ?? '');
      hasMonth = true;
      if (refDate) {
        day = nearestYear(month, date, refDate);
      } else {
        // Without a reference the year is unknown; day-of-year in a fixed leap year keeps month/day comparable.
        day = validDay(2000, month, date);
      }
    } else if (groups.d && refDate) {
      const date = Number(groups.d3);
      day = previousMonthDay(date, refDate);
    } else if (groups.wd && refDate) {
      const weekday = WEEKDAY[groups.w ?? ''] ?? 0;
      const back = (refDate.getUTCDay() - weekday + 7) % 7;
      day = (reference as number) - back;
    } else if (groups.rel && reference !== null) {
      day = reference - (groups.rel.startsWith('今') ? 0 : groups.rel.startsWith('昨') ? 1 : 2);
    }
    if (day === null || Number.isNaN(day)) continue;
    if (!days.includes(day)) days.push(day);
    if (hasMonth && firstWithMonth === null) firstWithMonth = day;
    if (primary === null && reference !== null && day <= reference + 1 && day >= reference - 10) primary = day;
  }
  if (reference === null) primary = firstWithMonth;
  return { days, primary };
}

/**
 * Undated items carry month/day in a fixed leap year (see above); to compare
 * them with dated ones, project both onto that year.
 */
export function monthDayKey(day: DayNumber): number {
  const date = new Date(day * DAY_MS);
  return (date.getUTCMonth() + 1) * 100 + date.getUTCDate();
}

function validDay(year: number, month: number, date: number): DayNumber | null {
  if (!(month >= 1 && month <= 12 && date >= 1 && date <= 31)) return null;
  const day = dayNumber(year, month, date);
  return new Date(day * DAY_MS).getUTCMonth() === month - 1 ? day : null;
}

/** `1月10日` in an article of 2022-01-11 is 2022; `12月30日` in one of 2022-01-02 is 2021. */
function nearestYear(month: number, date: number, ref: Date): DayNumber | null {
  const year = ref.getUTCFullYear();
  let best: DayNumber | null = null;
  const refDay = Math.floor(ref.getTime() / DAY_MS);
  for (const candidate of [year - 1, year, year + 1]) {
    const day = validDay(candidate, month, date);
    if (day === null) continue;
    if (best === null || Math.abs(day - refDay) < Math.abs(best - refDay)) best = day;
  }
  return best;
}

/** `30日` is this month's 30th unless that is still ahead, then last month's. */
function previousMonthDay(date: number, ref: Date): DayNumber | null {
  const year = ref.getUTCFullYear();
  const month = ref.getUTCMonth() + 1;
  if (date <= ref.getUTCDate() + 1) return validDay(year, month, date);
  return month === 1 ? validDay(year - 1, 12, date) : validDay(year, month - 1, date);
}
