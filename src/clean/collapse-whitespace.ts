/**
 * Collapses white space in a body's text nodes across inline tags, with the
 * CJK rule of normalize-text: a line break next to a Chinese or Japanese
 * character disappears, elsewhere it becomes one space; white space at the
 * edge of a block disappears. This is what turns prettify()'d
 * `国务卿\n <a>\n 布林肯\n </a>\n 周二` into `国务卿<a>布林肯</a>周二`.
 *
 * It leaves `<pre>` alone and does not change any element.
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element, Text } from 'domhandler';
import { joinSpace, stripZeroWidth } from './normalize-text.js';

const INLINE = new Set(['a', 'em', 'strong', 'b', 'i', 'u', 's', 'sub', 'sup', 'small', 'code', 'span', 'font', 'ok', 'abbr', 'cite', 'q', 'mark', 'time', 'label']);

/** Text nodes grouped into runs that flow together (no block, line break or image between them). */
function flowRuns(root: AnyNode[]): Text[][] {
  const runs: Text[][] = [[]];
  const boundary = (): void => {
    if ((runs[runs.length - 1] ?? []).length > 0) runs.push([]);
  };
  const visit = (node: AnyNode): void => {
    if (node.type === 'text') {
      runs[runs.length - 1]?.push(node as Text);
      return;
    }
    if (node.type !== 'tag' && node.type !== 'root') return;
    const element = node as Element;
    if (element.name === 'pre' || element.name === 'script' || element.name === 'style') {
      boundary();
      return;
    }
    const inline = INLINE.has(element.name);
    if (!inline) boundary();
    for (const child of element.children) visit(child);
    if (!inline) boundary();
  };
  for (const node of root) visit(node);
  return runs.filter((run) => run.length > 0);
}

function collapseRun(nodes: Text[]): void {
  const texts = nodes.map((node) => stripZeroWidth(node.data));
  const whole = texts.join('');
  const keep: string[] = whole.split(''); // UTF-16 units, like the match indexes
  for (const match of whole.matchAll(/\s+/g)) {
    const start = match.index ?? 0;
    const length = match[0].length;
    const replacement = joinSpace(match[0], whole[start - 1], whole[start + length]);
    for (let i = start; i < start + length; i += 1) keep[i] = '';
    if (replacement !== '') keep[start] = replacement;
  }
  let offset = 0;
  nodes.forEach((node, index) => {
    const length = texts[index]?.length ?? 0;
    node.data = keep.slice(offset, offset + length).join('');
    offset += length;
  });
}

export function collapseWhitespace($: CheerioAPI): void {
  for (const run of flowRuns($.root().toArray())) collapseRun(run);
}
