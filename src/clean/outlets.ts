/**
 * Outlet names: the same publisher is written one way whatever the scraper
 * called it ("Aljazeera 半岛网", "chinese.aljazeera.net" → "Al Jazeera (半岛网)"),
 * and each known outlet says in which time zone its zone-less dates are meant.
 *
 * It knows only outlets seen in our sources; an unknown outlet keeps the name
 * the document gives (trimmed), or its host name.
 */
import { DEFAULT_ZONE } from './dates.js';

export interface Outlet {
  name: string;
  /** IANA zone for dates the outlet writes without one. */
  zone: string;
}

interface KnownOutlet extends Outlet {
  hosts: string[];
  /** Lower-cased spellings met in front matter, feed titles and bylines. */
  aliases: string[];
}

const KNOWN: KnownOutlet[] = [
  {
    name: '大纪元 (Epoch Times)',
    zone: DEFAULT_ZONE,
    hosts: ['epochtimes.com', 'epochtimes.com.tw', 'theepochtimes.com'],
    aliases: ['大纪元', '大紀元', 'epoch times', 'the epoch times', '大纪元 (epoch times)'],
  },
  {
    name: 'Al Jazeera (半岛网)',
    zone: 'Asia/Qatar',
    hosts: ['aljazeera.net', 'aljazeera.com'],
    aliases: ['aljazeera 半岛网', 'aljazeera', 'al jazeera', '半岛网', '半島網', 'al jazeera (半岛网)'],
  },
  {
    name: 'VOA (美国之音)',
    zone: 'America/New_York',
    hosts: ['voachinese.com', 'voanews.com', 'voacantonese.com'],
    aliases: ['voa', '美国之音', '美國之音', 'voa chinese', 'voa (美国之音)'],
  },
  {
    // GNews is run from New York; its farms date posts US-style (02/17/2022).
    name: 'GNews',
    zone: 'America/New_York',
    hosts: ['gnews.org'],
    aliases: ['gnews', 'g news'],
  },
];

function hostOf(url: string): string | null {
  try {
    return new URL(url).hostname.toLowerCase().replace(/^www\./, '');
  } catch {
    return null;
  }
}

function byHost(host: string): KnownOutlet | undefined {
  return KNOWN.find((outlet) => outlet.hosts.some((known) => host === known || host.endsWith(`.${known}`)));
}

function byName(name: string): KnownOutlet | undefined {
  const key = name.trim().toLowerCase().replace(/\s+/g, ' ');
  return KNOWN.find((outlet) => outlet.aliases.includes(key));
}

/**
 * The outlet of an article from what the document says: names (author,
 * category, feed title) are tried first, then the article URL's host. Returns
 * null when nothing names a publisher.
 */
export function resolveOutlet(names: readonly (string | null | undefined)[], url: string | null): Outlet | null {
  for (const name of names) {
    if (!name) continue;
    const known = byName(name);
    if (known) return { name: known.name, zone: known.zone };
  }
  const host = url ? hostOf(url) : null;
  const knownHost = host ? byHost(host) : undefined;
  if (knownHost) return { name: knownHost.name, zone: knownHost.zone };
  const firstName = names.find((name): name is string => typeof name === 'string' && name.trim() !== '');
  if (firstName) return { name: firstName.trim().replace(/\s+/g, ' '), zone: DEFAULT_ZONE };
  if (host) return { name: host, zone: DEFAULT_ZONE };
  return null;
}

/** The outlet known for a URL host, if any (used to pick a zone before the outlet is final). */
export function outletForUrl(url: string | null): Outlet | null {
  const host = url ? hostOf(url) : null;
  const known = host ? byHost(host) : undefined;
  return known ? { name: known.name, zone: known.zone } : null;
}

/** True when the name is a known outlet's spelling (an author field that names the publisher, not a person). */
export function isOutletName(name: string): boolean {
  return byName(name) !== undefined;
}
