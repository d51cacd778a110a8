/**
 * The plain text of a cleaned body: one paragraph per block (p, heading, list
 * item, quote, figure caption, table row), paragraphs separated by one blank
 * line, `<br>` as a line break. This text feeds dedup, search and the feeds'
 * summaries.
 *
 * It expects sanitised, whitespace-collapsed HTML and adds no text of its own
 * (no link URLs, no alt text).
 */
import { load } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';
import { normalizeParagraphs } from './normalize-text.js';

const BLOCK = new Set(['p', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'blockquote', 'figure', 'figcaption', 'ul', 'ol', 'table', 'tr', 'pre', 'hr', 'caption', 'div']);

export function extractText(html: string): string {
  const $ = load(html, null, false);
  const parts: string[] = [];
  const visit = (node: AnyNode): void => {
    if (node.type === 'text') {
      parts.push((node as unknown as { data: string }).data);
      return;
    }
    if (node.type !== 'tag') return;
    const element = node as Element;
    if (element.name === 'br') {
      parts.push('\n');
      return;
    }
    if (element.name === 'td' || element.name === 'th') parts.push(' ');
    const block = BLOCK.has(element.name);
    if (block) parts.push('\n\n');
    for (const child of element.children) visit(child);
    if (block) parts.push('\n\n');
  };
  for (const node of $.root().contents().toArray()) visit(node);
  return normalizeParagraphs(parts.join(''));
}
