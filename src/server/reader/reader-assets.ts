/**
 * The reader's static assets (stylesheet, script, icon), served by feedfold
 * itself under /reader/ with a content hash as ETag, so a browser revalidates
 * with one cheap 304 and no page ever needs a CDN.
 */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { READER_CSS } from './reader-stylesheet.js';
import { READER_JS } from './reader-script.js';

export const ASSET_PATHS = { css: '/reader/reader.css', js: '/reader/reader.js', icon: '/reader/icon.svg' } as const;

/** Two overlapping pages: many copies folded into one. Colours hold in light and dark tabs. */
const ICON_SVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect x="3" y="6" width="18" height="22" rx="3" fill="#8ab4f8"/><rect x="10" y="3" width="19" height="23" rx="3" fill="#0b57d0"/><path d="M14 10h11M14 15h11M14 20h7" stroke="#fff" stroke-width="2" stroke-linecap="round"/></svg>`;

interface Asset {
  body: string;
  contentType: string;
  etag: string;
}

function asset(body: string, contentType: string): Asset {
  return { body, contentType, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"` };
}

export const READER_ASSETS: ReadonlyMap<string, Asset> = new Map([
  [ASSET_PATHS.css, asset(READER_CSS, 'text/css; charset=utf-8')],
  [ASSET_PATHS.js, asset(READER_JS, 'text/javascript; charset=utf-8')],
  [ASSET_PATHS.icon, asset(ICON_SVG, 'image/svg+xml')],
]);

export function serveAsset(c: Context, path: string): Response {
  const found = READER_ASSETS.get(path);
  if (!found) return c.notFound() as Response;
  const headers = {
    'content-type': found.contentType,
    etag: found.etag,
    // Revalidated on every use: an upgrade must never leave a page with an old script.
    'cache-control': 'public, no-cache',
    'x-content-type-options': 'nosniff',
  };
  const given = c.req.header('if-none-match');
  if (given && given.split(',').some((tag) => tag.trim().replace(/^W\//, '') === found.etag)) return new Response(null, { status: 304, headers });
  return new Response(found.body, { status: 200, headers });
}
