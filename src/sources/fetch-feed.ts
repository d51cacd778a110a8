/**
 * Fetches the raw bytes of a feed URL politely and defensively: one deadline
 * for the whole request (a body that trickles in is cut off too), a size
 * limit enforced while streaming, redirects followed by hand so loops are
 * caught and permanent moves are reported, conditional GET from the
 * validators the caller kept, and a User-Agent that says who we are.
 *
 * It does not decode or parse (decode-charset.ts, feed-document.ts) and does
 * not decide when to fetch next (fetch-schedule.ts); it reports the hints
 * (Retry-After, max-age) that decision needs.
 */
import type { Dispatcher } from 'undici';
import { SourceError, type SourceErrorKind } from '../errors.js';
import { parseCacheMaxAge, parseRetryAfter } from './fetch-schedule.js';

export const USER_AGENT = 'feedfold/0.1 (+https://github.com/feedfold/feedfold)';

export interface FetchFeedOptions {
  /** Validators from the previous successful fetch, for conditional GET. */
  etag?: string | null;
  lastModified?: string | null;
  /** Deadline for the whole exchange, redirects and body included. Default 30 s. */
  timeoutMs?: number;
  /** Largest body accepted, after content decoding. Default 10 MiB. */
  maxBytes?: number;
  /** Redirects followed before giving up. Default 5. */
  maxRedirects?: number;
  /** Aborts the fetch from outside (shutdown). */
  signal?: AbortSignal;
  /**
   * Called with the URL of every hop (the first and each redirect target)
   * before it is requested; throwing refuses the hop. The SSRF guard
   * (address-guard.ts) for sources added remotely.
   */
  guard?: (url: string) => Promise<void>;
  /**
   * The connection pool to fetch through. With a guard, pass the guard's
   * `guardedDispatcher` too: `guard` names a refused hop clearly before the
   * request, the dispatcher checks the address actually connected to (DNS
   * rebinding).
   */
  dispatcher?: Dispatcher;
  now?: () => Date;
}

interface ResponseHints {
  /** The URL the document finally came from. */
  finalUrl: string;
  /**
   * Where the source now lives, when every redirect on the way was permanent
   * (301/308); the caller should store it in place of the old URL.
   */
  permanentUrl: string | null;
  etag: string | null;
  lastModified: string | null;
  /** Cache-Control max-age in seconds. */
  maxAgeSeconds: number | null;
}

export type FetchFeedResult =
  | ({ status: 'not-modified' } & ResponseHints)
  | ({
      status: 'ok';
      bytes: Uint8Array;
      contentType: string | null;
      /** Content-Location, resolved: feedparser resolves relative links against it. */
      contentLocation: string | null;
    } & ResponseHints);

/** A failed fetch; carries the HTTP status and the server's Retry-After so the schedule can honour it. */
export class FetchError extends SourceError {
  constructor(
    source: string,
    kind: SourceErrorKind,
    message: string,
    readonly status: number | null = null,
    readonly retryAfter: Date | null = null,
    options?: { cause?: unknown },
  ) {
    super(source, kind, message, options);
  }
}

const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024;
const DEFAULT_MAX_REDIRECTS = 5;

export async function fetchFeed(url: string, options: FetchFeedOptions = {}): Promise<FetchFeedResult> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRedirects = options.maxRedirects ?? DEFAULT_MAX_REDIRECTS;
  const now = options.now ?? (() => new Date());

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onOuterAbort = () => controller.abort();
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });

  const fail = (kind: SourceErrorKind, message: string, cause?: unknown): never => {
    throw new FetchError(url, kind, message, null, null, cause === undefined ? undefined : { cause });
  };
  const abortedError = (cause: unknown): FetchError =>
    timedOut
      ? new FetchError(url, 'timeout', `no complete response within ${timeoutMs / 1000} s`, null, null, { cause })
      : new FetchError(url, 'network', 'fetch aborted (shutting down)', null, null, { cause });

  try {
    let current = url;
    let permanent = true;
    const visited = new Set<string>([current]);
    for (let redirects = 0; ; redirects++) {
      if (options.guard) {
        try {
          await options.guard(current);
        } catch (cause) {
          if (cause instanceof SourceError) throw new FetchError(url, cause.kind, current === url ? cause.message : `redirect to ${current}: ${cause.message}`, null, null, { cause });
          throw cause;
        }
      }
      let response: Response;
      try {
        response = await fetch(current, {
          redirect: 'manual',
          signal: controller.signal,
          headers: requestHeaders(options),
          ...(options.dispatcher ? { dispatcher: options.dispatcher } : {}),
          // Node 20 declares `dispatcher` with the types of the undici it bundles (6.x); the undici 7 Agent is
          // accepted at run time (test/security/dns-rebinding.test.ts goes through it), only the type names differ.
        } as RequestInit);
      } catch (cause) {
        if (controller.signal.aborted) throw abortedError(cause);
        const refused = refusedAtConnect(cause);
        if (refused) return fail('blocked', current === url ? refused.message : `redirect to ${current}: ${refused.message}`, cause);
        return fail('network', `cannot connect: ${networkReason(cause)}`, cause);
      }

      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        await response.body?.cancel().catch(() => undefined);
        const location = response.headers.get('location');
        if (!location) return fail('http', `HTTP ${response.status} redirect without a Location header`);
        const next = resolveUrl(location, current);
        if (!next) return fail('http', `HTTP ${response.status} redirect to an invalid URL "${location}"`);
        if (visited.has(next)) return fail('http', `redirect loop: ${current} -> ${next}`);
        if (redirects + 1 > maxRedirects) return fail('http', `more than ${maxRedirects} redirects`);
        if (response.status !== 301 && response.status !== 308) permanent = false;
        visited.add(next);
        current = next;
        continue;
      }

      const hints: ResponseHints = {
        finalUrl: current,
        permanentUrl: permanent && current !== url ? current : null,
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
        maxAgeSeconds: parseCacheMaxAge(response.headers.get('cache-control')),
      };

      if (response.status === 304) {
        await response.body?.cancel().catch(() => undefined);
        // A 304 may omit the validators; the ones we sent are still current then.
        return {
          status: 'not-modified',
          ...hints,
          etag: hints.etag ?? options.etag ?? null,
          lastModified: hints.lastModified ?? options.lastModified ?? null,
        };
      }

      if (response.status < 200 || response.status >= 300) {
        await response.body?.cancel().catch(() => undefined);
        const retryAfter =
          response.status === 429 || response.status === 503
            ? parseRetryAfter(response.headers.get('retry-after'), now())
            : null;
        const reason = response.statusText ? ` ${response.statusText}` : '';
        throw new FetchError(url, 'http', `HTTP ${response.status}${reason}`, response.status, retryAfter);
      }

      const declared = Number(response.headers.get('content-length'));
      if (Number.isFinite(declared) && declared > maxBytes) {
        await response.body?.cancel().catch(() => undefined);
        return fail('too-large', `body of ${declared} bytes is over the limit of ${maxBytes}`);
      }

      let bytes: Uint8Array;
      try {
        bytes = await readLimited(response, maxBytes);
      } catch (cause) {
        if (cause instanceof BodyTooLarge) {
          controller.abort();
          return fail('too-large', `body is over the limit of ${maxBytes} bytes`);
        }
        if (controller.signal.aborted) throw abortedError(cause);
        return fail('network', `connection broke while reading the body: ${networkReason(cause)}`, cause);
      }

      const contentLocation = response.headers.get('content-location');
      return {
        status: 'ok',
        bytes,
        contentType: response.headers.get('content-type'),
        contentLocation: contentLocation ? resolveUrl(contentLocation, current) : null,
        ...hints,
      };
    }
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}

function requestHeaders(options: FetchFeedOptions): Record<string, string> {
  const headers: Record<string, string> = {
    'user-agent': USER_AGENT,
    accept:
      'application/atom+xml, application/rss+xml, application/feed+json, application/json;q=0.9, application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5',
  };
  if (options.etag) headers['if-none-match'] = options.etag;
  if (options.lastModified) headers['if-modified-since'] = options.lastModified;
  return headers;
}

class BodyTooLarge extends Error {}

async function readLimited(response: Response, maxBytes: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(0);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new BodyTooLarge();
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

function resolveUrl(location: string, base: string): string | null {
  try {
    const resolved = new URL(location, base);
    return resolved.protocol === 'http:' || resolved.protocol === 'https:' ? resolved.href : null;
  } catch {
    return null;
  }
}

/** The guard's refusal from the connect-time check, which fetch wraps in "fetch failed". */
function refusedAtConnect(error: unknown): SourceError | null {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    if (current instanceof SourceError && current.kind === 'blocked') return current;
    current = (current as { cause?: unknown }).cause;
  }
  return null;
}

/** undici reports "fetch failed" and hides the reason (ECONNREFUSED, ENOTFOUND) in the cause chain. */
function networkReason(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') return `${code} ${(current as Error).message ?? ''}`.trim();
    current = (current as { cause?: unknown }).cause;
  }
  return error instanceof Error ? error.message : String(error);
}
