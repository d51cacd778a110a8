/**
 * `/sources`: every subscription with how its last fetch went (status, last
 * fetch, next fetch, error, item count, read from the fetch state the
 * sources stage keeps), and the forms to add or remove one. The forms are
 * shown only to a request that may write; others see how to get access.
 */
import { html } from 'hono/html';
import type { SourceRecord } from '../../store/store.js';
import { readFetchState } from '../../sources/fetch-schedule.js';
import { formatEvery } from '../../sources/source-records.js';
import { exactTime, relativeTime } from './relative-time.js';
import { renderPage, type Markup } from './page-layout.js';

export interface SourcesPageModel {
  siteTitle: string;
  sources: readonly SourceRecord[];
  canWrite: boolean;
  /** Whether an admin token is configured (the token form is useless otherwise). */
  tokenConfigured: boolean;
  /** A message after a change, or the reason a change was refused. */
  notice: { kind: 'ok' | 'error'; text: string } | null;
  /** What the add form held when it was refused, so nothing has to be typed again. */
  draft: { location: string; name: string; every: string };
  now: Date;
}

export function renderSourcesPage(model: SourcesPageModel): Markup {
  const body = html`
<h1 class="page-title">Sources</h1>
${model.notice ? html`<p class="notice notice-${model.notice.kind}" role="${model.notice.kind === 'error' ? 'alert' : 'status'}">${model.notice.text}</p>` : ''}
${
  model.sources.length === 0
    ? html`<p class="empty">No sources yet.</p>`
    : html`<ul class="source-table" aria-label="Sources">${model.sources.map((source) => renderSource(source, model))}</ul>`
}
${model.canWrite ? renderAddForm(model) : renderAccessNote(model)}`;
  return renderPage({ title: 'Sources', siteTitle: model.siteTitle, section: 'sources', scope: { outlet: null, tag: null, q: '' }, body, pageKind: 'sources' });
}

function renderSource(source: SourceRecord, model: SourcesPageModel): Markup {
  const state = readFetchState(source.state);
  const status = state.lastStatus === null ? 'never fetched' : state.lastStatus === 'not-modified' ? 'ok (not modified)' : state.lastStatus;
  const when = (iso: string | null, none: string) => (iso ? html`<time datetime="${iso}" title="${exactTime(iso)}">${relativeTime(iso, model.now)}</time>` : none);
  return html`<li class="source-row status-${state.lastStatus ?? 'never'}">
  <h2 class="source-name">${source.name ?? source.location}</h2>
  <dl class="source-facts">
    <div><dt>Kind</dt><dd>${source.kind === 'feed' ? 'feed' : 'article folder'}</dd></div>
    <div><dt>Location</dt><dd class="location">${source.kind === 'feed' ? html`<a href="${source.location}" rel="noopener noreferrer external">${source.location}</a>` : source.location}</dd></div>
    <div><dt>Status</dt><dd><span class="status">${status}</span>${state.failures > 1 ? `, ${state.failures} failures in a row` : ''}</dd></div>
    <div><dt>Last fetch</dt><dd>${when(state.lastFetchAt, 'not yet')}</dd></div>
    <div><dt>Next fetch</dt><dd>${when(state.nextFetchAt, 'at the next cycle')} (every ${formatEvery(source.every)})</dd></div>
    <div><dt>${source.kind === 'folder' ? 'Files' : 'Items'}</dt><dd>${state.itemCount}</dd></div>
    ${state.lastError ? html`<div class="error"><dt>Error</dt><dd>${state.lastError.kind}: ${state.lastError.message}</dd></div>` : ''}
    ${source.categories.length > 0 ? html`<div><dt>Categories</dt><dd>${source.categories.join(' / ')}</dd></div>` : ''}
  </dl>
  ${
    model.canWrite
      ? html`<form method="post" action="/sources/${encodeURIComponent(source.id)}/remove" class="remove-form">
    <button type="submit" class="danger" aria-label="Remove ${source.name ?? source.location}">Remove</button>
  </form>`
      : ''
  }
</li>`;
}

function renderAddForm(model: SourcesPageModel): Markup {
  return html`<section class="add-source" aria-labelledby="add-title">
  <h2 id="add-title">Add a source</h2>
  <form method="post" action="/sources" class="stacked-form">
    <div class="field"><label for="source-location">Feed URL or folder on the server</label>
      <input id="source-location" name="location" required value="${model.draft.location}" placeholder="https://example.com/feed.xml" inputmode="url" autocomplete="off"></div>
    <div class="field"><label for="source-name">Name (optional)</label>
      <input id="source-name" name="name" value="${model.draft.name}" autocomplete="off"></div>
    <div class="field"><label for="source-every">Check every</label>
      <input id="source-every" name="every" value="${model.draft.every}" pattern="\\s*\\d+\\s*[smhdSMHD]?\\s*" aria-describedby="every-help">
      <small id="every-help">30m, 2h, 1d; at least 1m</small></div>
    <button type="submit">Add source</button>
  </form>
</section>`;
}

function renderAccessNote(model: SourcesPageModel): Markup {
  if (!model.tokenConfigured) {
    return html`<p class="access-note">Sources can be changed from this machine (a loopback connection) or with <code>feedfold sources add</code>.</p>`;
  }
  return html`<section class="access-note" aria-labelledby="token-title">
  <h2 id="token-title">Change sources</h2>
  <p>Changes need a loopback connection or the admin token.</p>
  <form method="post" action="/session" class="stacked-form">
    <div class="field"><label for="admin-token">Admin token</label>
      <input id="admin-token" name="token" type="password" required autocomplete="current-password"></div>
    <button type="submit">Unlock</button>
  </form>
</section>`;
}
