import { describe, expect, it } from 'vitest';
import {
  EMPTY_FETCH_STATE,
  feedTtlMinutes,
  isDue,
  MAX_DELAY_MS,
  nextFetchAt,
  parseCacheMaxAge,
  parseRetryAfter,
  readFetchState,
  withFetchState,
} from '../../src/sources/fetch-schedule.js';

const now = new Date('2022-01-07T10:00:00Z');
const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
const HOUR = 3600_000;

describe('nextFetchAt', () => {
  it('waits the poll interval after a success and clears the failure streak', () => {
    const next = nextFetchAt({ failures: 3 }, { kind: 'ok', maxAgeSeconds: null, ttlMinutes: null }, now, 1800);
    expect(next.nextFetchAt.toISOString()).toBe(at(30 * 60_000));
    expect(next.failures).toBe(0);
  });

  it('stretches to a longer max-age or <ttl>, never shortens the interval', () => {
    expect(nextFetchAt({ failures: 0 }, { kind: 'ok', maxAgeSeconds: 7200, ttlMinutes: 60 }, now, 1800).nextFetchAt.toISOString()).toBe(at(2 * HOUR));
    expect(nextFetchAt({ failures: 0 }, { kind: 'not-modified', maxAgeSeconds: 60, ttlMinutes: 180 }, now, 1800).nextFetchAt.toISOString()).toBe(at(3 * HOUR));
    expect(nextFetchAt({ failures: 0 }, { kind: 'ok', maxAgeSeconds: 10, ttlMinutes: null }, now, 1800).nextFetchAt.toISOString()).toBe(at(30 * 60_000));
  });

  it('caps a server hint at a day', () => {
    const next = nextFetchAt({ failures: 0 }, { kind: 'ok', maxAgeSeconds: 31_536_000, ttlMinutes: null }, now, 1800);
    expect(next.nextFetchAt.getTime() - now.getTime()).toBe(MAX_DELAY_MS);
  });

  it('doubles the wait with each failure in a row, up to a day', () => {
    const delays: number[] = [];
    let state = { failures: 0 };
    for (let i = 0; i < 8; i++) {
      const next = nextFetchAt(state, { kind: 'error', retryAfter: null }, now, 1800);
      delays.push((next.nextFetchAt.getTime() - now.getTime()) / 60_000);
      state = { failures: next.failures };
    }
    expect(delays).toEqual([30, 60, 120, 240, 480, 960, 1440, 1440]);
    expect(state.failures).toBe(8);
  });

  it('waits for Retry-After when it is later than the backoff', () => {
    const next = nextFetchAt({ failures: 0 }, { kind: 'error', retryAfter: new Date(now.getTime() + 5 * HOUR) }, now, 1800);
    expect(next.nextFetchAt.toISOString()).toBe(at(5 * HOUR));
    const sooner = nextFetchAt({ failures: 2 }, { kind: 'error', retryAfter: new Date(now.getTime() + 60_000) }, now, 1800);
    expect(sooner.nextFetchAt.toISOString()).toBe(at(2 * HOUR));
  });
});

describe('header and feed hints', () => {
  it('parses Retry-After', () => {
    expect(parseRetryAfter('120', now)?.toISOString()).toBe(at(120_000));
    expect(parseRetryAfter('Fri, 07 Jan 2022 12:00:00 GMT', now)?.toISOString()).toBe('2022-01-07T12:00:00.000Z');
    expect(parseRetryAfter('soon', now)).toBeNull();
  });

  it('parses Cache-Control max-age and ignores it under no-cache', () => {
    expect(parseCacheMaxAge('public, max-age=600')).toBe(600);
    expect(parseCacheMaxAge('no-cache, max-age=600')).toBeNull();
    expect(parseCacheMaxAge('s-maxage=10')).toBeNull();
  });

  it('reads the RSS <ttl>', () => {
    expect(feedTtlMinutes('<rss><channel><ttl> 60 </ttl></channel></rss>')).toBe(60);
    expect(feedTtlMinutes('<rss><channel></channel></rss>')).toBeNull();
  });
});

describe('fetch state in the source record', () => {
  it('round-trips and keeps other keys of the record state', () => {
    const fetch = { ...EMPTY_FETCH_STATE, etag: '"x"', failures: 2, nextFetchAt: at(HOUR) };
    const state = withFetchState({ files: { a: 1 } }, fetch);
    expect(state['files']).toEqual({ a: 1 });
    expect(readFetchState(JSON.parse(JSON.stringify(state)))).toEqual(fetch);
  });

  it('reads a missing or damaged state as empty', () => {
    expect(readFetchState({})).toEqual(EMPTY_FETCH_STATE);
    expect(readFetchState({ fetch: { etag: 5, failures: 'x', lastStatus: 'weird' } })).toEqual(EMPTY_FETCH_STATE);
  });

  it('is due when no next time is set or it has passed', () => {
    expect(isDue(EMPTY_FETCH_STATE, now)).toBe(true);
    expect(isDue({ ...EMPTY_FETCH_STATE, nextFetchAt: at(1) }, now)).toBe(false);
    expect(isDue({ ...EMPTY_FETCH_STATE, nextFetchAt: at(0) }, now)).toBe(true);
  });
});
