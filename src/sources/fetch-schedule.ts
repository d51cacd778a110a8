/**
 * When to fetch a feed next, and the fetch state that decision needs, kept in
 * SourceRecord.state between runs: validators for conditional GET, the error
 * streak for backoff, and the server's own hints (Retry-After,
 * Cache-Control max-age, RSS <ttl>).
 *
 * Everything here is pure: the caller passes `now`, so the policy can be
 * tested without clocks. It does not fetch, and it adds no jitter (the cycle
 * spreads sources out).
 */
import type { SourceErrorKind } from '../errors.js';

export interface FetchState {
  etag: string | null;
  lastModified: string | null;
  /** When the last attempt finished, ISO 8601. */
  lastFetchAt: string | null;
  /** When the last attempt that got a 200 or 304 finished. */
  lastSuccessAt: string | null;
  lastStatus: 'ok' | 'not-modified' | 'error' | null;
  lastError: { kind: SourceErrorKind; message: string } | null;
  /** Failed attempts in a row; 0 after a success. */
  failures: number;
  /** Earliest time the source may be fetched again, ISO 8601; null = now. */
  nextFetchAt: string | null;
  /** Items the last successful parse produced. */
  itemCount: number;
}

export const EMPTY_FETCH_STATE: FetchState = {
  etag: null,
  lastModified: null,
  lastFetchAt: null,
  lastSuccessAt: null,
  lastStatus: null,
  lastError: null,
  failures: 0,
  nextFetchAt: null,
  itemCount: 0,
};

/** Backoff and server hints never push a source further out than this. */
export const MAX_DELAY_MS = 24 * 60 * 60 * 1000;

/** What the last attempt told us about the schedule. */
export type FetchOutcomeHint =
  | {
      kind: 'ok' | 'not-modified';
      /** Cache-Control max-age in seconds, when the response had one. */
      maxAgeSeconds: number | null;
      /** RSS <ttl> in minutes, when the document had one. */
      ttlMinutes: number | null;
    }
  | {
      kind: 'error';
      /** When the server asked us to come back (Retry-After on 429/503). */
      retryAfter: Date | null;
    };

/**
 * The next fetch time. After a success: the poll interval, stretched to the
 * server's max-age or the feed's <ttl> when they ask for longer. After the
 * n-th failure in a row: the interval doubled n-1 times, so a dead feed is
 * polled less and less, but at least once a day. A Retry-After later than that
 * wins, and is honoured up to the same daily cap.
 */
export function nextFetchAt(
  state: Pick<FetchState, 'failures'>,
  outcome: FetchOutcomeHint,
  now: Date,
  everySeconds: number,
): { nextFetchAt: Date; failures: number } {
  const every = everySeconds * 1000;
  if (outcome.kind === 'error') {
    const failures = state.failures + 1;
    const backoff = Math.min(MAX_DELAY_MS, every * 2 ** Math.min(failures - 1, 30));
    const asked = outcome.retryAfter ? outcome.retryAfter.getTime() - now.getTime() : 0;
    const delay = Math.min(MAX_DELAY_MS, Math.max(backoff, asked));
    return { nextFetchAt: new Date(now.getTime() + delay), failures };
  }
  const hinted = Math.max((outcome.maxAgeSeconds ?? 0) * 1000, (outcome.ttlMinutes ?? 0) * 60_000);
  const delay = Math.max(every, Math.min(MAX_DELAY_MS, hinted));
  return { nextFetchAt: new Date(now.getTime() + delay), failures: 0 };
}

/** A source is due when it has no next time yet or that time has come. */
export function isDue(state: FetchState, now: Date): boolean {
  return state.nextFetchAt === null || Date.parse(state.nextFetchAt) <= now.getTime();
}

/** `Retry-After` is either delay-seconds or an HTTP date (RFC 9110 §10.2.3). */
export function parseRetryAfter(value: string | null, now: Date): Date | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return new Date(now.getTime() + Number(trimmed) * 1000);
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : new Date(date);
}

/** `max-age` of a Cache-Control header in seconds; `no-cache`/`no-store` mean no hint. */
export function parseCacheMaxAge(value: string | null): number | null {
  if (!value) return null;
  if (/(^|,)\s*(no-cache|no-store)\s*(,|$)/i.test(value)) return null;
  const match = /(?:^|,)\s*max-age\s*=\s*"?(\d+)"?/i.exec(value);
  return match?.[1] ? Number(match[1]) : null;
}

/** RSS 2.0 `<ttl>` of the channel in minutes. Read from the text so the schedule does not depend on the parser's output. */
export function feedTtlMinutes(text: string): number | null {
  const match = /<ttl>\s*(\d+)\s*<\/ttl>/i.exec(text);
  if (!match?.[1]) return null;
  const minutes = Number(match[1]);
  return minutes > 0 ? minutes : null;
}

/** Reads the fetch state back from the free-form SourceRecord.state, tolerating records written by older versions. */
export function readFetchState(state: Record<string, unknown>): FetchState {
  const fetch = state['fetch'];
  if (!fetch || typeof fetch !== 'object') return { ...EMPTY_FETCH_STATE };
  const f = fetch as Record<string, unknown>;
  const text = (key: string): string | null => (typeof f[key] === 'string' ? (f[key] as string) : null);
  const count = (key: string): number => (typeof f[key] === 'number' && Number.isFinite(f[key]) ? (f[key] as number) : 0);
  const status = f['lastStatus'];
  const error = f['lastError'] as { kind?: unknown; message?: unknown } | null | undefined;
  return {
    etag: text('etag'),
    lastModified: text('lastModified'),
    lastFetchAt: text('lastFetchAt'),
    lastSuccessAt: text('lastSuccessAt'),
    lastStatus: status === 'ok' || status === 'not-modified' || status === 'error' ? status : null,
    lastError:
      error && typeof error.kind === 'string' && typeof error.message === 'string'
        ? { kind: error.kind as SourceErrorKind, message: error.message }
        : null,
    failures: count('failures'),
    nextFetchAt: text('nextFetchAt'),
    itemCount: count('itemCount'),
  };
}

/** The record state with the fetch state replaced; other keys (folder fingerprints) are kept. */
export function withFetchState(state: Record<string, unknown>, fetch: FetchState): Record<string, unknown> {
  return { ...state, fetch: { ...fetch } };
}
