/**
 * Reduces layout markup to the paragraphs it holds, so the sanitiser's
 * allowlist (which has no `div`) does not run paragraphs together: a `div`,
 * `section` or `article` holding only inline content becomes a `<p>`, one
 * holding blocks is unwrapped. `h1` becomes `h2` (the title is the page's h1).
 *
 * It does not decide what is chrome; it runs after chrome removal.
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

const CONTAINERS = 'div, section, article, main, header, footer, aside, center, font, span';
const BLOCK = 'p, div, section, article, main, header, footer, aside, center, h1, h2, h3, h4, h5, h6, ul, ol, li, blockquote, figure, figcaption, table, pre, hr, video, audio';

function depth(element: Element): number {
  let count = 0;
  for (let node = element.parent; node; node = node.parent) count += 1;
  return count;
}

export function flattenLayout($: CheerioAPI): void {
  // Deepest first, so a container's verdict sees its children already flattened.
  const containers = $(CONTAINERS).toArray().sort((a, b) => depth(b) - depth(a));
  for (const element of containers) {
    const container = $(element);
    const insideParagraph = container.parents('p, li, h2, h3, h4, h5, h6, figcaption, td, th, a, em, strong').length > 0;
    if (element.name === 'span' || element.name === 'font' || insideParagraph) {
      container.replaceWith(container.contents());
      continue;
    }
    if (container.children(BLOCK).length > 0) {
      container.replaceWith(container.contents());
    } else if (container.text().trim() === '' && container.find('img, video, audio').length === 0) {
      container.remove();
    } else {
      const paragraph = $('<p></p>');
      paragraph.append(container.contents());
      container.replaceWith(paragraph);
    }
  }
  $('h1').each((_, element) => {
    element.name = 'h2';
  });
  wrapLooseInline($);
}

/** Text and inline elements left between top-level blocks become paragraphs of their own. */
function wrapLooseInline($: CheerioAPI): void {
  const rebuilt: AnyNode[] = [];
  let run: AnyNode[] = [];
  const flush = (): void => {
    if (run.some((node) => $(node).text().trim() !== '' || (node.type === 'tag' && $(node).is('img, a:has(img)')))) {
      const paragraph = $('<p></p>');
      paragraph.append(run);
      rebuilt.push(...paragraph.toArray());
    }
    run = [];
  };
  const children = $.root().contents().toArray();
  for (const node of children) {
    if (node.type === 'tag' && $(node).is(BLOCK)) {
      flush();
      rebuilt.push(node);
    } else if (node.type === 'tag' && (node as Element).name === 'br') flush();
    else run.push(node);
  }
  flush();
  $.root().empty().append(rebuilt);
}
