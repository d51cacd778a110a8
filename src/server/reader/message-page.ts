/**
 * A page that only says something: not found, bad request, refused. Same
 * frame as every reader page, so the way back (timeline, search) is there.
 */
import { html } from 'hono/html';
import { renderPage, type Markup } from './page-layout.js';

export function renderMessagePage(options: { siteTitle: string; title: string; text: string }): Markup {
  const body = html`<section class="message" aria-labelledby="message-title">
  <h1 class="page-title" id="message-title">${options.title}</h1>
  <p>${options.text}</p>
  <p><a href="/">Back to the timeline</a></p>
</section>`;
  return renderPage({ title: options.title, siteTitle: options.siteTitle, section: 'other', scope: { outlet: null, tag: null, q: '' }, body, pageKind: 'message' });
}
