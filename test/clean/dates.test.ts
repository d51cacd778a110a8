import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { dateLineValue, datelineDate, datesNearMonth, findDatesInText, formatIso, parseDate, plausibleIso, urlPathDate } from '../../src/clean/dates.js';

const iso = (date: DateTime | null): string | null => (date ? formatIso(date) : null);

describe('dates', () => {
  it('reads RFC 822/1123 and ISO values, writing UTC with Z and keeping offsets', () => {
    expect(iso(parseDate('Thu, 20 Jan 2022 02:24:38 GMT'))).toBe('2022-01-20T02:24:38Z');
    expect(iso(parseDate('Wed, 12 Jan 2022 01:43:14 +0000'))).toBe('2022-01-12T01:43:14Z');
    expect(iso(parseDate('Mon, 30 Sep 2002 01:56:02 EST'))).toBe('2002-09-30T01:56:02-05:00');
    expect(iso(parseDate('2014-05-09T14:04:00-07:00'))).toBe('2014-05-09T14:04:00-07:00');
    expect(iso(parseDate('2022-01-20T02:24:38.123Z'))).toBe('2022-01-20T02:24:38.123Z');
  });

  it('reads zone-less values in the given zone; a date alone is midnight there', () => {
    expect(iso(parseDate('2022-01-05 10:00', 'Asia/Shanghai'))).toBe('2022-01-05T10:00:00+08:00');
    expect(iso(parseDate('2022年1月5日', 'Asia/Shanghai'))).toBe('2022-01-05T00:00:00+08:00');
    expect(iso(parseDate('2022-02-02', 'America/New_York'))).toBe('2022-02-02T00:00:00-05:00');
    expect(parseDate('not a date')).toBeNull();
  });

  it('reads Epoch Times datelines and URL paths', () => {
    expect(iso(datelineDate('【大纪元2022年02月02日讯】（大纪元记者张婷综合报导）'))).toBe('2022-02-02T00:00:00+08:00');
    expect(iso(urlPathDate('https://www.epochtimes.com/gb/22/2/1/n13547108.htm'))).toBe('2022-02-01T00:00:00+08:00');
    expect(urlPathDate('https://gnews.org/zh-hans/1808313/')).toBeNull();
  });

  it('reads date-only lines in Chinese, US and compact forms', () => {
    expect(iso(dateLineValue('2021年12月31日', 'Asia/Shanghai'))).toBe('2021-12-31T00:00:00+08:00');
    expect(iso(dateLineValue('02/17/2022', 'America/New_York'))).toBe('2022-02-17T00:00:00-05:00');
    expect(iso(dateLineValue('20220223', 'Asia/Shanghai'))).toBe('2022-02-23T00:00:00+08:00');
    expect(dateLineValue('2021年12月31日消息称', 'Asia/Shanghai')).toBeNull();
  });

  it('finds full dates in running text and skips partial ones', () => {
    const found = findDatesInText('俄美双方约定将于2022年1月10日举行会谈，12日在布鲁塞尔，另见 2021-12-30。');
    expect(found.map((entry) => entry.date.toISODate())).toEqual(['2022-01-10', '2021-12-30']);
  });

  it('places month-day mentions in the year of a known month, or the week before it', () => {
    const found = datesNearMonth('2月23日，岸田首相宣布；12月30日另有通话；5月1日无关。', 2022, 2, 'Asia/Shanghai');
    expect(found.map((entry) => entry.date.toISODate())).toEqual(['2022-02-23']);
    expect(datesNearMonth('12月30日通话', 2022, 1).map((entry) => entry.date.toISODate())).toEqual(['2021-12-30']);
  });

  it('does not take a day weeks before the upload month for the day of writing', () => {
    // Corpus file 106 (GNews, images uploaded 2022/02): the chancellor's visit, recalled in a February post.
    expect(datesNearMonth('在1月7日访问华盛顿特区后，德国总理肖尔茨……', 2022, 2, 'Asia/Shanghai')).toEqual([]);
  });

  it('rejects absurd dates', () => {
    const now = DateTime.fromISO('2022-02-01T00:00:00Z');
    expect(plausibleIso(parseDate('1989-12-31T00:00:00Z'), now)).toBeNull();
    expect(plausibleIso(parseDate('2022-02-04T00:00:00Z'), now)).toBeNull();
    expect(plausibleIso(parseDate('2022-02-02T12:00:00Z'), now)).toBe('2022-02-02T12:00:00Z');
  });
  it('finds English dates of embedded posts (corpus 110: a tweet quoted in a GNews article)', () => {
    const found = findDatesInText('— President Biden (@POTUS) [February 22, 2022](https://twitter.com/x) and 3 Feb. 2022, not Mayday 2022');
    expect(found.map((entry) => entry.date.toISODate())).toEqual(['2022-02-22', '2022-02-03']);
  });
});
