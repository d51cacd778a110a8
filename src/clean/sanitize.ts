/**
 * The allowlist every body passes before it is stored: structure, links,
 * images and media survive; scripts, styles, event handlers, frames, forms and
 * `javascript:`/`data:`/`vbscript:` URLs do not. Links get
 * `rel="noopener noreferrer"` because published feeds open them in readers we
 * do not control.
 *
 * Fields that are plain text in every output (author, outlet, category and
 * media names) go through `plainText`: feeds put markup in them too, and a
 * reader that shows an author name as HTML must not find any.
 *
 * It does not resolve relative URLs (absolutize-links runs first, so anything
 * still relative here is dropped by the scheme check).
 */
import { load } from 'cheerio';
import sanitizeHtml from 'sanitize-html';
import { normalizeInline } from './normalize-text.js';

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [
    'p', 'br', 'h2', 'h3', 'h4', 'h5', 'h6', 'ul', 'ol', 'li', 'blockquote', 'figure', 'figcaption',
    'img', 'a', 'em', 'strong', 'b', 'i', 'u', 's', 'sub', 'sup', 'small', 'code', 'pre', 'hr',
    'table', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td', 'caption',
    'video', 'audio', 'source',
  ],
  allowedAttributes: {
    a: ['href', 'rel', 'title'],
    img: ['src', 'alt', 'title', 'width', 'height'],
    video: ['src', 'poster', 'controls', 'width', 'height'],
    audio: ['src', 'controls'],
    source: ['src', 'type'],
    th: ['colspan', 'rowspan'],
    td: ['colspan', 'rowspan'],
  },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowedSchemesByTag: { img: ['http', 'https'], video: ['http', 'https'], audio: ['http', 'https'], source: ['http', 'https'] },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'poster', 'cite'],
  allowProtocolRelative: false,
  // Their content is code or widgets, never article text.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'iframe', 'form', 'select', 'button', 'object', 'embed', 'template', 'svg', 'canvas'],
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: { ...attribs, rel: 'noopener noreferrer' } }),
    h1: 'h2',
  },
  // An image whose src failed the scheme check is an empty box.
  exclusiveFilter: (frame) => frame.tag === 'img' && !frame.attribs['src'],
};

export function sanitizeBody(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}

/**
 * Markup to one line of plain text: tags dropped and entities decoded by an
 * HTML parser (the way a browser would read it), white space collapsed.
 * Script and style content is dropped with its element, not kept as text.
 */
export function plainText(markup: string): string {
  if (!/[<&]/.test(markup)) return normalizeInline(markup).trim();
  const $ = load(markup, null, false);
  $('script, style, noscript, template, iframe, object, embed, svg, math').remove();
  return normalizeInline($.root().text()).trim();
}
