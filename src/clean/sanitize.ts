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

/**
 * Characters XML 1.0 cannot carry at all (C0 controls but tab/LF/CR, lone
 * surrogates, U+FFFE/U+FFFF), and the C1 controls and DEL it discourages:
 * one of them anywhere makes an Atom or RSS document not well-formed, so they
 * are removed from everything a feed hands in, before any other cleaning.
 */
const XML_UNSAFE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u0084\u0086-\u009f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function xmlSafeText(text: string): string {
  return text.replace(XML_UNSAFE, '');
}

/** At most `max` characters (code points, so no surrogate pair is cut), with "…" marking the cut. */
export function truncateWithMark(text: string, max: number): string {
  const chars = [...text];
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

/**
 * A WHATWG-serialised URL made a strict RFC 3986 URI: the URL standard leaves
 * `|`, `^`, `[`, `]` (outside the host), `{`, `}` and non-ASCII-looking bytes
 * unescaped in paths and queries, which JSON Feed validators (format "uri")
 * and strict readers refuse. Percent-encoding them names the same resource.
 */
export function strictUri(href: string): string {
  const url = new URL(href);
  const host = url.host;
  const prefix = `${url.protocol}//${url.username ? `${url.username}${url.password ? `:${url.password}` : ''}@` : ''}${host}`;
  const rest = href.slice(href.indexOf(host, url.protocol.length) + host.length);
  return prefix + rest.replace(/[^A-Za-z0-9\-._~:/?#@!$&'()*+,;=%]/g, (char) => encodeURIComponent(char)).replace(/%(?![0-9A-Fa-f]{2})/g, '%25');
}
