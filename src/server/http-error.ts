/**
 * The one error type of the HTTP layer. Any route (a feed, the JSON API, a
 * reader page) throws it to refuse a request; the route table renders it in
 * the form that route answers in (a reader page, a JSON object, plain text),
 * so a handler never builds an error response itself.
 */
import type { ContentfulStatusCode } from 'hono/utils/http-status';

export type ErrorStatus = Extract<ContentfulStatusCode, 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 422 | 429 | 500 | 502 | 503>;

export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: ErrorStatus,
    /** A short heading for people: "Event not found". */
    readonly title: string,
    /** One or two sentences saying what was wrong and, where it helps, what to do. */
    message: string,
    options?: { cause?: unknown; headers?: Record<string, string> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.headers = options?.headers ?? {};
  }
  /** Extra response headers (`Retry-After`, `WWW-Authenticate`). */
  readonly headers: Record<string, string>;
}
