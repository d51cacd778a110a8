/**
 * `/events/:id`: one event with full coverage — every source's headline,
 * outlet, date and link; the most complete body (or the one chosen with
 * `?item=`), the other versions one click away in <details>; and why dedup
 * put these items together.
 *
 * Bodies are the clean stage's sanitised HTML and are the only markup passed
 * through unescaped; every string feedfold adds is escaped by hono/html.
 */
import { html, raw } from 'hono/html';
import type { Item } from '../../item.js';
import type { ReaderEvent } from './reader-view.js';
import type { EventMarks } from './reader-state.js';
import type { GroupingReason } from './grouping-reasons.js';
import { exactTime, relativeTime } from './relative-time.js';
import { renderPage, type Markup } from './page-layout.js';
import { renderMarkForms } from './timeline-page.js';

export interface EventPageModel {
  siteTitle: string;
  event: ReaderEvent;
  /** Member items with bodies, in the event's member order (missing ones skipped). */
  items: readonly Item[];
  /** The item whose body is shown open. */
  shown: Item | null;
  reasons: readonly GroupingReason[];
  marks: EventMarks;
  canWrite: boolean;
  now: Date;
}

export function renderEventPage(model: EventPageModel): Markup {
  const { entry } = model.event;
  const id = entry.eventId;
  const here = `/events/${encodeURIComponent(id)}`;
  const langOf = (lang: string | null | undefined) => (lang ? html` lang="${lang}"` : '');
  const others = model.items.filter((item) => item !== model.shown);
  const body = html`
<article class="event-page" data-event-id="${id}" aria-labelledby="event-title">
  <header class="event-header">
    <p class="back"><a href="/">← Timeline</a></p>
    <h1 id="event-title"${langOf(entry.lang)}>${entry.title}</h1>
    <p class="meta">
      ${timeSpan(entry.published, entry.updated, model.now)}
      · <span class="outlet-count">${entry.outlets.length} outlet${entry.outlets.length === 1 ? '' : 's'}</span>
      <span class="badge star-badge"${model.marks.starred ? '' : html` hidden`}>★ Starred</span>
    </p>
    ${model.canWrite ? renderMarkForms(id, model.marks, here) : ''}
  </header>

  <section class="coverage" aria-labelledby="coverage-title">
    <h2 id="coverage-title">Full coverage</h2>
    <ol class="source-list">
      ${entry.sources.map(
        (source) => html`<li class="source">
        <span class="source-outlet">${source.outlet}</span>
        <span class="source-title"${langOf(model.items.find((item) => item.id === source.id)?.lang)}>${
          source.url ? html`<a href="${source.url}" rel="noopener noreferrer external">${source.title}</a>` : source.title
        }</span>
        ${source.published ? html`<time class="source-date" datetime="${source.published}" title="${exactTime(source.published)}">${exactTime(source.published)}</time>` : html`<span class="source-date">undated</span>`}
        ${model.shown?.id === source.id ? html`<span class="badge">shown below</span>` : html`<a class="read-here" href="${here}?item=${encodeURIComponent(source.id)}#article">Read here</a>`}
      </li>`,
      )}
    </ol>
  </section>

  ${
    model.shown
      ? html`<section class="article" id="article" aria-labelledby="article-title">
    <h2 id="article-title">${model.shown.outlet}: <span${langOf(model.shown.lang)}>${model.shown.title}</span></h2>
    ${articleByline(model.shown)}
    <div class="article-body"${langOf(model.shown.lang)}>${raw(model.shown.contentHtml)}</div>
    ${model.shown.url ? html`<p class="original"><a href="${model.shown.url}" rel="noopener noreferrer external">Read at ${model.shown.outlet}</a></p>` : ''}
  </section>`
      : ''
  }

  ${
    others.length > 0
      ? html`<section class="other-versions" aria-labelledby="others-title">
    <h2 id="others-title">Other versions</h2>
    ${others.map(
      (item) => html`<details class="version">
      <summary><span class="source-outlet">${item.outlet}</span>: <span${langOf(item.lang)}>${item.title}</span></summary>
      ${articleByline(item)}
      <div class="article-body"${langOf(item.lang)}>${raw(item.contentHtml)}</div>
    </details>`,
    )}
  </section>`
      : ''
  }

  ${model.reasons.length > 0 ? renderReasons(model.reasons) : ''}
</article>`;
  return renderPage({ title: entry.title, siteTitle: model.siteTitle, section: 'event', scope: { outlet: null, tag: null, q: '' }, body, pageKind: 'event' });
}

function articleByline(item: Item): Markup {
  const parts = [item.author ? html`<span class="author">${item.author}</span>` : '', item.published ? html`<time datetime="${item.published}">${exactTime(item.published)}</time>` : ''];
  return html`<p class="byline">${parts[0]}${parts[0] && parts[1] ? ' · ' : ''}${parts[1]}</p>`;
}

function timeSpan(published: string, updated: string, now: Date): Markup {
  const first = html`<time datetime="${published}" title="${exactTime(published)}">${exactTime(published)}</time>`;
  if (published === updated) return first;
  return html`${first} – <time datetime="${updated}" title="${exactTime(updated)}">${exactTime(updated)}</time> <span class="relative">(updated ${relativeTime(updated, now)})</span>`;
}

function renderReasons(reasons: readonly GroupingReason[]): Markup {
  return html`<section class="reasons" aria-labelledby="reasons-title">
    <h2 id="reasons-title">Why these were grouped</h2>
    <ul class="reason-list">
      ${reasons.map(({ member, partner, explanation, sharedPhrases }) => {
        const f = explanation.features;
        const linked = explanation.score >= explanation.linkThreshold;
        const sameDay = f.dateAgree && f.occurrence[0] ? html`<li>both name the same day: <strong>${f.occurrence[0]}</strong></li>` : '';
        const list = (words: readonly string[]) => words.map((word, index) => html`${index > 0 ? '、' : ''}<mark lang="zh-Hans">${word}</mark>`);
        const names = f.sharedEntities.length > 0 ? html`<li>names both mention: ${list(f.sharedEntities.slice(0, 12))}</li>` : '';
        const phrases = sharedPhrases.length > 0 ? html`<li>shared terms: ${list(sharedPhrases)}</li>` : html`<li>no shared terms in the openings</li>`;
        return html`<li class="reason">
        <p><strong>${member.outlet}</strong> and <strong>${partner.outlet}</strong>: ${reasonWord(explanation.decision, linked)} (score ${explanation.score.toFixed(2)}, threshold ${explanation.linkThreshold.toFixed(2)})</p>
        <ul>
          ${names}
          ${phrases}
          ${sameDay}
          <li>headline similarity ${percent(f.title)}, lead similarity ${percent(f.lead)}${f.daysApart === null ? '' : `, published ${f.daysApart < 1 ? 'the same day' : `${f.daysApart.toFixed(1)} days apart`}`}</li>
        </ul>
      </li>`;
      })}
    </ul>
  </section>`;
}

function reasonWord(decision: string, linked: boolean): string {
  if (decision === 'same-item') return 'the same article (shared link, GUID or text)';
  if (decision === 'near-duplicate') return 'nearly identical text';
  if (decision === 'same-event' || linked) return 'the same occurrence';
  return 'linked through the other members';
}

function percent(value: number): string {
  return `${Math.round(value * 100)}%`;
}
