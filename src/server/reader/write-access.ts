/**
 * Who may change things through the reader (sources, read marks): a request
 * from this machine's loopback address, or one carrying the admin token (as
 * `Authorization: Bearer …` or the cookie set by the token form). And every
 * change must come from a page of this installation: a POST whose Origin (or
 * Sec-Fetch-Site) says another site sent it is refused, so a page elsewhere
 * cannot make the reader's browser subscribe to something.
 *
 * A request that came through a proxy (Forwarded / X-Forwarded-For) is not
 * taken as loopback even when the proxy connects from 127.0.0.1: behind a
 * proxy everyone would be local. It does not authenticate people; there is
 * one reader per installation.
 */
import { timingSafeEqual } from 'node:crypto';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';

export const TOKEN_COOKIE = 'feedfold_token';

export interface WriteAccessOptions {
  adminToken?: string | undefined;
  /** Public base URL; its origin is accepted besides the request's own. */
  baseUrl: string;
  /** Remote address of the connection, null when unknown. */
  remoteAddress: (c: Context) => string | null;
}

export function isLoopbackAddress(address: string | null): boolean {
  if (!address) return false;
  return address === '::1' || /^127\./.test(address) || /^::ffff:127\./i.test(address);
}

export function hasAdminToken(c: Context, adminToken: string | undefined): boolean {
  if (!adminToken) return false;
  const bearer = /^Bearer\s+(.+)$/i.exec(c.req.header('authorization') ?? '')?.[1];
  return [bearer, getCookie(c, TOKEN_COOKIE)].some((given) => given !== undefined && sameSecret(given, adminToken));
}

export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function mayWrite(c: Context, options: WriteAccessOptions): boolean {
  if (hasAdminToken(c, options.adminToken)) return true;
  const proxied = c.req.header('forwarded') !== undefined || c.req.header('x-forwarded-for') !== undefined;
  return !proxied && isLoopbackAddress(options.remoteAddress(c));
}

/**
 * True unless the browser says another site sent the request. Clients that
 * are not browsers send neither header; they cannot be tricked into a request
 * by a page, so they pass (and still need loopback or the token).
 */
export function isSameOrigin(c: Context, baseUrl: string): boolean {
  const origin = c.req.header('origin');
  if (origin !== undefined) {
    if (origin === 'null') return false;
    return origin === new URL(c.req.url).origin || origin === new URL(baseUrl).origin;
  }
  const site = c.req.header('sec-fetch-site');
  return site === undefined || site === 'same-origin' || site === 'none';
}
