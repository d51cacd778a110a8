/**
 * The two request headers a feed server must read before touching a body:
 * Accept-Encoding (which prepared bytes to send) and the conditional headers
 * (whether to send any). Pure functions of header strings.
 */
import type { ContentCoding } from './prepared-document.js';

/** br when accepted, else gzip, else identity; `q=0` refuses a coding (RFC 9110 §12.5.3). */
export function chooseCoding(acceptEncoding: string | null | undefined): ContentCoding {
  if (!acceptEncoding) return 'identity';
  const accepted = new Map<string, number>();
  for (const part of acceptEncoding.split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    let q = 1;
    for (const param of params) {
      const match = /^\s*q=([0-9.]+)\s*$/.exec(param);
      if (match) q = Number(match[1]);
    }
    accepted.set(name.trim(), Number.isFinite(q) ? q : 0);
  }
  const weight = (coding: string) => accepted.get(coding) ?? (accepted.get('*') ?? 0);
  if (weight('br') > 0) return 'br';
  if (weight('gzip') > 0 || weight('x-gzip') > 0) return 'gzip';
  return 'identity';
}

/**
 * Whether a GET/HEAD can be answered 304. If-None-Match wins over
 * If-Modified-Since (RFC 9110 §13.2.2) and compares weakly, so a client that
 * got `"x-gz"` or `W/"x"` still matches.
 */
export function isNotModified(
  headers: { ifNoneMatch: string | null | undefined; ifModifiedSince: string | null | undefined },
  document: { etags: readonly string[]; lastModified: number },
): boolean {
  if (headers.ifNoneMatch) {
    const wanted = headers.ifNoneMatch.split(',').map((tag) => tag.trim().replace(/^W\//, ''));
    return wanted.includes('*') || wanted.some((tag) => document.etags.includes(tag));
  }
  if (headers.ifModifiedSince) {
    const since = Date.parse(headers.ifModifiedSince);
    return !Number.isNaN(since) && document.lastModified <= since;
  }
  return false;
}
