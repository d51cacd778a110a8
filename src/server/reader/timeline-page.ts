/**
 * `/`: the events, newest first, a page at a time, with the outlet and tag
 * filters, the search words and the unread/starred views. Each event shows
 * its headline, when, which outlets reported it, its lead image and the first
 * lines of its summary; unread events are marked in words as well as style.
 *
 * Works without JavaScript: filters are a GET form, marks are POST forms.
 */
import { html } from 'hono/html';
import type { FacetValue, ReaderEvent } from './reader-view.js';
import type { EventMarks } from './reader-state.js';
import { exactTime, relativeTime } from './relative-time.js';
import { renderPage, type FeedScope, type Markup } from './page-layout.js';

export const PAGE_SIZE = 30;
/** Characters of summary shown; CSS clamps to three lines as well. */
const SUMMARY_CHARS = 220;

export interface TimelineQuery extends FeedScope {
  show: 'all' | 'unread' | 'starred';
  page: number;
}

export interface TimelineModel {
  siteTitle: string;
  query: TimelineQuery;
  /** The events of this page. */
  events: readonly ReaderEvent[];
  /** Events matching the filter on all pages. */
  total: number;
  marks: (eventId: string) => EventMarks;
  outlets: readonly FacetValue[];
  tags: readonly FacetValue[];
  canWrite: boolean;
  now: Date;
}

export function timelineHref(query: TimelineQuery, change: Partial<TimelineQuery> = {}): string {
  const next = { ...query, ...change };
  const params = new URLSearchParams();
  if (next.q.trim()) params.set('q', next.q.trim());
  if (next.outlet) params.set('outlet', next.outlet);
  if (next.tag) params.set('tag', next.tag);
  if (next.show !== 'all') params.set('show', next.show);
  if (next.page > 1) params.set('page', String(next.page));
  const text = params.toString();
  return text ? `/?${text}` : '/';
}

export function renderTimelinePage(model: TimelineModel): Markup {
  const { query } = model;
  const pages = Math.max(1, Math.ceil(model.total / PAGE_SIZE));
  const here = timelineHref(query);
  const heading = query.q.trim() ? `Events matching “${query.q.trim()}”` : query.show === 'starred' ? 'Starred events' : query.show === 'unread' ? 'Unread events' : 'Events';
  const body = html`
<h1 class="page-title">${heading}</h1>
${renderFilters(model)}
<p class="result-count" role="status">${model.total} event${model.total === 1 ? '' : 's'}${pages > 1 ? ` · page ${query.page} of ${pages}` : ''}</p>
${
  model.events.length === 0
    ? html`<p class="empty">${query.q || query.outlet || query.tag || query.show !== 'all' ? 'No events match this view.' : html`No events yet: add a source, or run <code>feedfold ingest</code>.`}</p>`
    : html`<ol class="timeline" aria-label="Events">${model.events.map((event) => html`<li>${renderEventCard(event, model, here)}</li>`)}</ol>`
}
${
  model.canWrite && model.total > 0
    ? html`<form class="mark-all" method="post" action="/mark-all-read">
  <input type="hidden" name="q" value="${query.q}"><input type="hidden" name="outlet" value="${query.outlet ?? ''}"><input type="hidden" name="tag" value="${query.tag ?? ''}">
  <input type="hidden" name="back" value="${here}">
  <button type="submit">Mark all ${model.total} as read</button>
</form>`
    : ''
}
${
  pages > 1
    ? html`<nav class="pagination" aria-label="Pages">
  ${query.page > 1 ? html`<a rel="prev" href="${timelineHref(query, { page: query.page - 1 })}">← Newer</a>` : ''}
  ${query.page < pages ? html`<a rel="next" href="${timelineHref(query, { page: query.page + 1 })}">Older →</a>` : ''}
</nav>`
    : ''
}`;
  return renderPage({ title: heading, siteTitle: model.siteTitle, section: 'timeline', scope: query, body, pageKind: 'timeline' });
}

function renderFilters(model: TimelineModel): Markup {
  const { query } = model;
  const option = (value: FacetValue, selected: string | null) =>
    html`<option value="${value.slug}"${value.slug === selected ? html` selected` : ''}>${value.name} (${value.count})</option>`;
  return html`<form class="filters" method="get" action="/" aria-label="Filter events">
  <input type="hidden" name="q" value="${query.q}">
  <div class="field"><label for="filter-outlet">Outlet</label>
    <select id="filter-outlet" name="outlet"><option value="">All outlets</option>${model.outlets.map((value) => option(value, query.outlet))}</select></div>
  ${
    model.tags.length > 0 || query.tag
      ? html`<div class="field"><label for="filter-tag">Tag</label>
    <select id="filter-tag" name="tag"><option value="">All tags</option>${model.tags.map((value) => option(value, query.tag))}</select></div>`
      : ''
  }
  <div class="field"><label for="filter-show">Show</label>
    <select id="filter-show" name="show">
      <option value="all"${query.show === 'all' ? html` selected` : ''}>All</option>
      <option value="unread"${query.show === 'unread' ? html` selected` : ''}>Unread</option>
      <option value="starred"${query.show === 'starred' ? html` selected` : ''}>Starred</option>
    </select></div>
  <button type="submit">Apply</button>
  ${query.q || query.outlet || query.tag || query.show !== 'all' ? html`<a class="clear" href="/">Clear</a>` : ''}
</form>`;
}

function renderEventCard(event: ReaderEvent, model: TimelineModel, back: string): Markup {
  const { entry } = event;
  const id = entry.eventId;
  const marks = model.marks(id);
  const href = `/events/${encodeURIComponent(id)}`;
  const outlets = entry.outlets;
  const summary = entry.summary.length > SUMMARY_CHARS ? `${entry.summary.slice(0, SUMMARY_CHARS).trimEnd()}…` : entry.summary;
  const classes = ['event-card', marks.read ? 'is-read' : 'is-unread', marks.starred ? 'is-starred' : ''].filter(Boolean).join(' ');
  return html`<article class="${classes}" data-event-id="${id}" aria-labelledby="title-${id}">
  ${entry.image ? html`<img class="thumb" src="${entry.image.url}" alt="" loading="lazy" decoding="async" referrerpolicy="no-referrer" width="112" height="75">` : ''}
  <div class="card-body">
    <h2 class="event-title" id="title-${id}"${entry.lang ? html` lang="${entry.lang}"` : ''}><a class="event-link" href="${href}">${entry.title}</a></h2>
    <p class="meta">
      <span class="badge unread-badge"${marks.read ? html` hidden` : ''}>Unread</span>
      <span class="badge star-badge"${marks.starred ? '' : html` hidden`}>★ Starred</span>
      <time datetime="${entry.updated}" title="${exactTime(entry.updated)}">${relativeTime(entry.updated, model.now)}</time>
      <span class="outlets"><span class="outlet-count">${outlets.length} outlet${outlets.length === 1 ? '' : 's'}</span>: ${outlets.join(', ')}</span>
    </p>
    ${summary ? html`<p class="summary"${entry.lang ? html` lang="${entry.lang}"` : ''}>${summary}</p>` : ''}
    ${model.canWrite ? renderMarkForms(id, marks, back) : ''}
  </div>
</article>`;
}

/** Mark buttons as plain forms; reader.js sends them with fetch and updates the page in place. */
export function renderMarkForms(id: string, marks: EventMarks, back: string): Markup {
  const base = `/events/${encodeURIComponent(id)}`;
  return html`<div class="mark-forms">
  <form method="post" action="${base}/read" class="mark-form" data-mark="read">
    <input type="hidden" name="value" value="${marks.read ? '0' : '1'}"><input type="hidden" name="back" value="${back}">
    <button type="submit" class="mark-read-button">${marks.read ? 'Mark unread' : 'Mark read'}</button>
  </form>
  <form method="post" action="${base}/star" class="mark-form" data-mark="star">
    <input type="hidden" name="value" value="${marks.starred ? '0' : '1'}"><input type="hidden" name="back" value="${back}">
    <button type="submit" class="star-button" aria-pressed="${marks.starred ? 'true' : 'false'}">${marks.starred ? '★ Unstar' : '☆ Star'}</button>
  </form>
</div>`;
}
