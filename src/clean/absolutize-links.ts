/**
 * Makes every link and media URL absolute against the article URL, so the
 * body still works when republished elsewhere. A link that cannot be resolved
 * (relative with no article URL, or a scheme other than http/https/mailto) is
 * unwrapped to its text; an image or video that cannot be resolved is removed.
 *
 * It does not fetch or check anything over the network.
 */
import type { CheerioAPI } from 'cheerio';

const LINK_SCHEMES = new Set(['http:', 'https:', 'mailto:']);
const MEDIA_SCHEMES = new Set(['http:', 'https:']);

/** The absolute form of `value`, or null when it cannot be made absolute with an allowed scheme. */
export function absoluteUrl(value: string | undefined, base: string | null, schemes: ReadonlySet<string> = LINK_SCHEMES): string | null {
  if (value === undefined) return null;
  const trimmed = value.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return null;
  let url: URL;
  try {
    // Protocol-relative URLs are common in scraped HTML; https is the safe reading without a base.
    url = base ? new URL(trimmed, base) : new URL(trimmed.startsWith('//') ? `https:${trimmed}` : trimmed);
  } catch {
    return null;
  }
  return schemes.has(url.protocol) ? url.href : null;
}

export function absolutizeLinks($: CheerioAPI, base: string | null): void {
  $('a').each((_, element) => {
    const link = $(element);
    const href = absoluteUrl(link.attr('href'), base);
    if (href) link.attr('href', href);
    else link.replaceWith(link.contents());
  });
  $('img, video, audio, source').each((_, element) => {
    const media = $(element);
    const attribute = media.attr('src') === undefined && media.attr('data-src') !== undefined ? 'data-src' : 'src';
    const src = absoluteUrl(media.attr(attribute), base, MEDIA_SCHEMES);
    if (src) media.attr('src', src);
    else if (!media.is('video, audio') || media.find('source').length === 0) {
      media.remove();
      return;
    } else media.removeAttr('src');
    const poster = media.attr('poster');
    if (poster !== undefined) {
      const absolute = absoluteUrl(poster, base, MEDIA_SCHEMES);
      if (absolute) media.attr('poster', absolute);
      else media.removeAttr('poster');
    }
  });
}
