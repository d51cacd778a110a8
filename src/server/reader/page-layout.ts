/**
 * The frame every reader page shares: head with feed autodiscovery for the
 * page's filter, stylesheet and script served by feedfold itself, the banner
 * with navigation and search, the main landmark and the keyboard help.
 *
 * Everything interpolated goes through hono/html, which escapes it; only
 * markup built here with `html` passes through unescaped.
 */
import { html } from 'hono/html';
import { ASSET_PATHS } from './reader-assets.js';

export type Markup = ReturnType<typeof html>;

/** Where the feeds of a view are: everything, one outlet or one tag, with the search words. */
export interface FeedScope {
  outlet: string | null;
  tag: string | null;
  q: string;
}

export function feedPaths(scope: FeedScope): { atom: string; rss: string; json: string } {
  const base = scope.outlet ? `/sources/${encodeURIComponent(scope.outlet)}/` : scope.tag ? `/tags/${encodeURIComponent(scope.tag)}/` : '/';
  const query = scope.q.trim() ? `?q=${encodeURIComponent(scope.q.trim())}` : '';
  return { atom: `${base}feed.atom${query}`, rss: `${base}feed.rss${query}`, json: `${base}feed.json${query}` };
}

export interface PageOptions {
  /** The page's own title; the site title is appended. */
  title: string;
  siteTitle: string;
  section: 'timeline' | 'event' | 'sources' | 'other';
  scope: FeedScope;
  body: Markup;
  /** Extra class on <body>, for page-specific keyboard behaviour. */
  pageKind: string;
}

export function renderPage(options: PageOptions): Markup {
  const feeds = feedPaths(options.scope);
  const feedLabel = options.scope.outlet || options.scope.tag || options.scope.q ? ' (this view)' : '';
  const current = (section: PageOptions['section']) => (options.section === section ? html` aria-current="page"` : '');
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="color-scheme" content="light dark">
<title>${options.title} · ${options.siteTitle}</title>
<link rel="stylesheet" href="${ASSET_PATHS.css}">
<link rel="icon" href="${ASSET_PATHS.icon}" type="image/svg+xml">
<link rel="alternate" type="application/atom+xml" title="${options.siteTitle} — Atom${feedLabel}" href="${feeds.atom}">
<link rel="alternate" type="application/rss+xml" title="${options.siteTitle} — RSS${feedLabel}" href="${feeds.rss}">
<link rel="alternate" type="application/feed+json" title="${options.siteTitle} — JSON Feed${feedLabel}" href="${feeds.json}">
<script src="${ASSET_PATHS.js}" defer></script>
</head>
<body class="page-${options.pageKind}">
<a class="skip-link" href="#main">Skip to content</a>
<header class="site-header">
  <a class="brand" href="/">${options.siteTitle}</a>
  <nav class="site-nav" aria-label="Main">
    <a href="/"${current('timeline')}>Timeline</a>
    <a href="/sources"${current('sources')}>Sources</a>
    <a href="/opml" type="text/x-opml">OPML</a>
    <a href="${feeds.atom}" type="application/atom+xml">Atom</a>
    <a href="${feeds.rss}" type="application/rss+xml">RSS</a>
    <a href="${feeds.json}" type="application/feed+json">JSON</a>
  </nav>
  <form class="search" role="search" action="/" method="get">
    <label for="search-input" class="visually-hidden">Search events</label>
    <input id="search-input" name="q" type="search" value="${options.scope.q}" placeholder="Search events" autocomplete="off" enterkeyhint="search">
    ${options.scope.outlet ? html`<input type="hidden" name="outlet" value="${options.scope.outlet}">` : ''}
    ${options.scope.tag ? html`<input type="hidden" name="tag" value="${options.scope.tag}">` : ''}
    <button type="submit">Search</button>
  </form>
</header>
<main id="main" tabindex="-1">
${options.body}
</main>
<footer class="site-footer">
  <details id="keyboard-help">
    <summary>Keyboard shortcuts <kbd>?</kbd></summary>
    <dl class="shortcuts">
      <div><dt><kbd>j</kbd> / <kbd>k</kbd></dt><dd>next / previous event</dd></div>
      <div><dt><kbd>o</kbd> / <kbd>Enter</kbd></dt><dd>open the selected event</dd></div>
      <div><dt><kbd>m</kbd></dt><dd>mark read / unread</dd></div>
      <div><dt><kbd>s</kbd></dt><dd>star / unstar</dd></div>
      <div><dt><kbd>/</kbd></dt><dd>search</dd></div>
      <div><dt><kbd>?</kbd></dt><dd>show or hide this help</dd></div>
    </dl>
  </details>
  <p>Served by feedfold. Feeds: <a href="${feeds.atom}">Atom</a> · <a href="${feeds.rss}">RSS</a> · <a href="${feeds.json}">JSON Feed</a> · <a href="/opml">OPML</a></p>
</footer>
</body>
</html>`;
}
