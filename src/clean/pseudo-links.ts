/**
 * Turns scraper pseudo-links back into real links. The gfw-breaker mirrors
 * (seed 000, easy2view/epoch-news) rewrite every `<a href>` to `<ok href>` so
 * that their own renderer leaves them alone; a reader wants the link back.
 *
 * It does not check or resolve the URLs; absolutize-links does.
 */
import type { CheerioAPI } from 'cheerio';

export function rewritePseudoLinks($: CheerioAPI): void {
  $('ok').each((_, element) => {
    const href = $(element).attr('href');
    const link = $('<a></a>');
    if (href !== undefined) link.attr('href', href);
    link.append($(element).contents());
    $(element).replaceWith(link);
  });
}
