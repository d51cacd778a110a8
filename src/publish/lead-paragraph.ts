/**
 * The lead paragraph of an article, for the entry summary. The plain text of
 * a cleaned item starts with figure captions (a photo credit, a video title),
 * so the lead is read from the HTML body with figures left out; paragraphs
 * that the source wrote as `<br><br>` runs inside one `<p>` are split.
 */
import * as cheerio from 'cheerio';
import { normalizeInline } from '../clean/normalize-text.js';

export function leadParagraph(contentHtml: string, contentText: string): string {
  const $ = cheerio.load(contentHtml);
  $('figure, figcaption, video, audio, img, picture, table, script, style').remove();
  $('br').replaceWith('\n');
  for (const element of $('p, blockquote, li').toArray()) {
    const first = firstParagraph($(element).text());
    if (first) return first;
  }
  return firstParagraph(contentText.split(/\n\s*\n/).find((paragraph) => paragraph.trim()) ?? '');
}

function firstParagraph(text: string): string {
  for (const line of text.split(/\n/)) {
    const paragraph = normalizeInline(line);
    if (paragraph) return paragraph;
  }
  return '';
}
