/**
 * Markdown to HTML for article bodies. Scrapers embed raw HTML in their
 * markdown (video tags, whole prettified article bodies), so HTML is passed
 * through; the sanitiser, not the renderer, decides what survives.
 */
import MarkdownIt from 'markdown-it';

const renderer = new MarkdownIt({ html: true, linkify: false, breaks: false });

export function renderMarkdown(markdown: string): string {
  return renderer.render(markdown);
}
