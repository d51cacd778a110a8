/**
 * What rss-parser loses from each RSS item / Atom entry, read from the
 * document's element tree: titles and content by their Atom type (`text`,
 * `html`, inline `xhtml`, Atom 0.3 `mode="base64"` / `"escaped"` / `"xml"`),
 * links of Atom 0.3 written as element text, an RSS `<guid>` that is the
 * permalink, every date element feeds use (Atom 0.3 `issued` / `created` /
 * `modified`, `dcterms:*`, `dc:date`), Media RSS titles, and `xml:base`
 * resolved down to the element it applies to.
 *
 * It reads the same entries, in the same order, as rss-parser does (Atom
 * `feed > entry`, RSS `rss > channel > item`, RDF `rdf:RDF > item`); the
 * caller pairs them by position. It does not clean or sanitise: titles and
 * content come out as HTML for clean-item.
 */
import { load } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

export interface EntryDetails {
  /** The title as HTML (plain text escaped), or null when the entry has no title element. */
  titleHtml: string | null;
  /** Media RSS `media:title`, a stand-in title for items without one. */
  mediaTitle: string | null;
  /** Atom content or summary as HTML, decoded by its type; null for RSS (rss-parser reads those well). */
  contentHtml: string | null;
  /** The entry's link, absolute when a base is known. */
  link: string | null;
  /** Publication date as written: published, issued, created, pubDate, dc:date, dcterms:issued/created. */
  published: string | null;
  /** Last change as written: updated, modified, dcterms:modified. */
  updated: string | null;
  /**
   * Base for relative links in the body when `xml:base` applies to it,
   * resolved against the document's base; null when none is declared.
   */
  contentBase: string | null;
}

const PUBLISHED = ['published', 'issued', 'created', 'pubDate', 'dc:date', 'dcterms:issued', 'dcterms:created', 'atom:published'];
const UPDATED = ['updated', 'modified', 'dcterms:modified', 'atom:updated'];

function isElement(node: AnyNode): node is Element {
  return node.type === 'tag';
}

function childElements(element: Element, name?: string): Element[] {
  return element.children.filter(isElement).filter((child) => name === undefined || child.name === name);
}

function textOf(element: Element): string {
  let text = '';
  const visit = (node: AnyNode): void => {
    if (node.type === 'text' || node.type === 'cdata') {
      if ('data' in node && typeof node.data === 'string') text += node.data;
      if ('children' in node) for (const child of node.children) visit(child);
    } else if (isElement(node)) {
      for (const child of node.children) visit(child);
    }
  };
  for (const child of element.children) visit(child);
  return text;
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[char] ?? char);
}

function resolve(value: string, base: string | null): string | null {
  try {
    return base ? new URL(value.trim(), base).href : new URL(value.trim()).href;
  } catch {
    return null;
  }
}

/** The base URL in force at `element`: the document's, then every `xml:base` from the root down. */
function baseAt(element: Element, documentBase: string | null): { base: string | null; declared: boolean } {
  const chain: Element[] = [];
  for (let node: Element | null = element; node; node = node.parent && isElement(node.parent) ? node.parent : null) chain.unshift(node);
  let base = documentBase;
  let declared = false;
  for (const node of chain) {
    const value = node.attribs['xml:base'];
    if (value === undefined) continue;
    const resolved = resolve(value, base);
    // Only http(s) bases: a `javascript:` or `file:` base must not reach the links.
    if (resolved && /^https?:/i.test(resolved)) {
      base = resolved;
      declared = true;
    }
  }
  return { base, declared };
}

/**
 * An Atom text construct (or a title of any feed) as HTML. Atom 1.0 says
 * `text` | `html` | `xhtml`; Atom 0.3 gives a MIME type and a `mode`
 * (`xml`, `escaped`, `base64`). Untyped titles with child elements are
 * inline markup (feeds write `<title>Example <b>Atom</b></title>`). RSS titles
 * carry no type and are read as HTML, the way feeds write them.
 */
function constructHtml(element: Element, $: ReturnType<typeof load>, textIsLiteral: boolean): string {
  const type = (element.attribs['type'] ?? '').trim().toLowerCase();
  const mode = (element.attribs['mode'] ?? '').trim().toLowerCase();
  const isHtmlType = type === 'html' || type === 'text/html';
  const isXhtmlType = type === 'xhtml' || type === 'application/xhtml+xml' || mode === 'xml';
  // RFC 4287 §4.1.3.3: a MIME type that is neither text nor XML means Base64 (Atom 0.3 says mode="base64").
  const binaryType = mode === '' && /^[\w.+-]+\/[\w.+-]+$/.test(type) && !type.startsWith('text/') && !/[/+]xml$/.test(type);
  if (mode === 'base64' || binaryType) {
    const decoded = Buffer.from(textOf(element).replace(/\s+/g, ''), 'base64').toString('utf8');
    // Only an explicit plain-text type keeps the decoded payload literal; feeds Base64-encode markup.
    return type === 'text' || type === 'text/plain' ? escapeHtml(decoded) : decoded;
  }
  if (childElements(element).length > 0 && !isHtmlType) return $.xml(element.children);
  if (isHtmlType || mode === 'escaped' || !textIsLiteral) return textOf(element);
  return escapeHtml(textOf(element));
}

function entriesOf(root: Element): Element[] {
  const name = root.name.toLowerCase();
  if (root.name === 'feed') return childElements(root, 'entry');
  if (name === 'rss') {
    const channel = childElements(root, 'channel')[0];
    return channel ? childElements(channel, 'item') : [];
  }
  if (root.name === 'rdf:RDF') return childElements(root, 'item');
  return [];
}

function lastText(entry: Element, names: readonly string[]): string | null {
  for (const name of names) {
    // feedparser keeps the last of repeated elements; so do we, for the same answers.
    const values = childElements(entry, name).map((element) => textOf(element).trim()).filter((value) => value !== '');
    if (values.length > 0) return values[values.length - 1] ?? null;
  }
  return null;
}

function atomLink(entry: Element, documentBase: string | null): string | null {
  const links = childElements(entry, 'link');
  const alternate = links.find((link) => (link.attribs['rel'] ?? 'alternate') === 'alternate' && (link.attribs['href'] ?? textOf(link)).trim() !== '');
  if (!alternate) return null;
  // Atom 0.3 feeds in the wild write the URL as element text instead of href.
  const value = (alternate.attribs['href'] ?? textOf(alternate)).trim();
  return resolve(value, baseAt(alternate, documentBase).base) ?? value;
}

function rssLink(entry: Element, documentBase: string | null): string | null {
  const link = childElements(entry, 'link').find((element) => textOf(element).trim() !== '');
  if (link) {
    const value = textOf(link).trim();
    return resolve(value, baseAt(link, documentBase).base) ?? value;
  }
  // RSS 2.0: a guid is the item's permalink unless isPermaLink="false".
  const guid = childElements(entry, 'guid')[0];
  const value = guid ? textOf(guid).trim() : '';
  if (guid && guid.attribs['isPermaLink']?.toLowerCase() !== 'false' && /^https?:\/\/\S+$/i.test(value)) return value;
  return null;
}

function mediaTitleOf(entry: Element): string | null {
  const direct = childElements(entry, 'media:title')[0];
  const nested = [...childElements(entry, 'media:content'), ...childElements(entry, 'media:group')]
    .flatMap((element) => childElements(element, 'media:title'))[0];
  const title = direct ?? nested;
  return title ? textOf(title).trim() || null : null;
}

/**
 * Details of every entry, in document order, or null when the document
 * cannot be read as a tree (rss-parser's answer then stands alone).
 */
export function readEntryDetails(text: string, documentBase: string | null): EntryDetails[] | null {
  let $: ReturnType<typeof load>;
  try {
    $ = load(text, { xml: true });
  } catch {
    return null;
  }
  const root = $.root().children().toArray().find(isElement);
  if (!root) return null;
  const atom = root.name === 'feed';
  return entriesOf(root).map((entry): EntryDetails => {
    const title = childElements(entry, 'title')[0];
    const content = atom
      ? (childElements(entry, 'content')[0] ?? childElements(entry, 'summary')[0])
      : (childElements(entry, 'content:encoded')[0] ?? childElements(entry, 'description')[0]);
    const base = baseAt(content ?? entry, documentBase);
    return {
      titleHtml: title ? constructHtml(title, $, atom) : null,
      mediaTitle: mediaTitleOf(entry),
      contentHtml: atom && content ? constructHtml(content, $, true) : null,
      link: atom ? atomLink(entry, documentBase) : rssLink(entry, documentBase),
      published: lastText(entry, PUBLISHED),
      updated: lastText(entry, UPDATED),
      contentBase: base.declared ? base.base : null,
    };
  });
}
