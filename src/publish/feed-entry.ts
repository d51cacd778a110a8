/**
 * One feed entry per event, merged from its members: the record the three
 * renderers share, so Atom, RSS and JSON Feed say the same thing about an
 * event. The entry id is the event's tag URI, so a reader keeps its read state
 * when new outlets join; `updated` moves, `published` does not.
 *
 * Pure: events and their member items in, entries out. It does not decide
 * which events belong in a feed (filters live in the server) and adds no HTML
 * of the outlets' own: bodies come sanitised from the clean stage, and every
 * string feedfold writes around them is escaped here.
 */
import type { Event, EventMember } from '../event.js';
import type { Item, Media } from '../item.js';
import { unionCategories } from './categories.js';
import { eventTagUri } from './entry-id.js';
import { cdataSafeHtml, escapeHtml } from './escape-markup.js';
import { leadParagraph } from './lead-paragraph.js';
import { mediaTypeOf } from './media-type.js';

/** A member as the `_feedfold.sources` extension and the "Reported by" list show it. */
export interface EntrySource {
  id: string;
  origin: string;
  url: string | null;
  outlet: string;
  title: string;
  published: string | null;
}

export interface EntryImage {
  url: string;
  /** Guessed from the URL; null when it cannot be told. */
  type: string | null;
}

export interface FeedEntry {
  /** `tag:` URI of the event: the Atom id, RSS guid and JSON Feed id. */
  id: string;
  eventId: string;
  /** Ids of events absorbed into this one: their links must still lead here. */
  aliases: string[];
  title: string;
  /** The event's page on this server. */
  link: string;
  /** ISO 8601 UTC. */
  published: string;
  /** ISO 8601 UTC, never before `published`. */
  updated: string;
  /** Plain text: the lead paragraph of the most complete member. */
  summary: string;
  /** Sanitised body of the most complete member, then the "Reported by" list. */
  contentHtml: string;
  /** Plain text of that body, for searching. */
  contentText: string;
  /** Outlet names in member order, each once. */
  outlets: string[];
  categories: string[];
  image: EntryImage | null;
  /** Media of every member, each URL once, with a type when one is known or can be guessed. */
  media: Media[];
  sources: EntrySource[];
  lang: string | null;
}

export interface EntryOptions {
  /** Public base URL without a trailing slash. */
  baseUrl: string;
}

/** Entries for the events, newest change first (ties by id, so the order is stable). */
export function buildFeedEntries(events: readonly Event[], items: ReadonlyMap<string, Item>, options: EntryOptions): FeedEntry[] {
  return events
    .filter((event) => event.items.length > 0)
    .map((event) => buildFeedEntry(event, items, options))
    .sort((a, b) => (a.updated === b.updated ? (a.id < b.id ? -1 : 1) : a.updated < b.updated ? 1 : -1));
}

export function buildFeedEntry(event: Event, items: ReadonlyMap<string, Item>, options: EntryOptions): FeedEntry {
  const members = event.items.map((member) => ({ member, item: items.get(member.id) ?? null }));
  const present = members.flatMap(({ item }) => (item ? [item] : []));
  const main = mostComplete(present);
  const body = main ? cdataSafeHtml(main.contentHtml) : '';
  const sources = members.map(({ member }) => entrySource(member));
  const published = isoOrNull(event.published) ?? earliest(sources.map((source) => source.published)) ?? latestFetch(present) ?? EPOCH;
  const updated = maxIso(isoOrNull(event.updated) ?? published, published);
  const leadImageUrl = main?.image ?? present.find((item) => item.image)?.image ?? null;
  const media = uniqueMedia(present.flatMap((item) => item.media));
  return {
    id: eventTagUri(event.id),
    eventId: event.id,
    aliases: event.aliases,
    title: event.title || main?.title || sources[0]?.title || event.id,
    link: `${options.baseUrl}/events/${encodeURIComponent(event.id)}`,
    published,
    updated,
    summary: main ? leadParagraph(main.contentHtml, main.contentText) : '',
    contentHtml: body + reportedBy(sources, media),
    contentText: main?.contentText ?? '',
    outlets: [...new Set(sources.map((source) => source.outlet))],
    categories: unionCategories(present.map((item) => item.categories)),
    image: leadImageUrl ? { url: leadImageUrl, type: mediaTypeOf(leadImageUrl) } : null,
    media,
    sources,
    lang: main?.lang ?? null,
  };
}

const EPOCH = new Date(0).toISOString();

/** The member with the longest text: it carries most of the story. Earlier members win ties. */
function mostComplete(items: readonly Item[]): Item | null {
  let best: Item | null = null;
  for (const item of items) if (!best || item.contentText.length > best.contentText.length) best = item;
  return best;
}

function entrySource(member: EventMember): EntrySource {
  return { id: member.id, origin: member.origin, url: member.url, outlet: member.outlet, title: member.title, published: member.published };
}

function uniqueMedia(media: readonly Media[]): Media[] {
  const seen = new Map<string, Media>();
  for (const entry of media) if (!seen.has(entry.url)) seen.set(entry.url, { ...entry, type: entry.type ?? mediaTypeOf(entry.url) });
  return [...seen.values()];
}

/**
 * "Reported by": each outlet, its headline (linked to the original when the
 * member has a URL), its date as the outlet gave it; then media not shown in
 * the chosen body, so RSS readers (one enclosure per item) still reach them.
 */
function reportedBy(sources: readonly EntrySource[], media: readonly Media[]): string {
  const rows = sources.map((source) => {
    const headline = source.url ? `<a href="${escapeHtml(source.url)}">${escapeHtml(source.title)}</a>` : escapeHtml(source.title);
    const date = source.published ? ` <small>${escapeHtml(displayDate(source.published))}</small>` : '';
    return `<li><strong>${escapeHtml(source.outlet)}</strong>: ${headline}${date}</li>`;
  });
  const mediaRows = media.map((entry) => `<li><a href="${escapeHtml(entry.url)}">${escapeHtml(entry.title ?? entry.url)}</a>${entry.type ? ` (${escapeHtml(entry.type)})` : ''}</li>`);
  return (
    `<h3>Reported by</h3><ul>${rows.join('')}</ul>` + (mediaRows.length > 0 ? `<h3>Media</h3><ul>${mediaRows.join('')}</ul>` : '')
  );
}

/** `2022-02-02T00:00:00+08:00` → `2022-02-02 00:00 +08:00`: the outlet's own local time, as it printed it. */
export function displayDate(iso: string): string {
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(?::\d{2}(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(iso);
  if (!match) return iso;
  const zone = match[3] === undefined || match[3] === 'Z' ? 'UTC' : match[3];
  return `${match[1]} ${match[2]} ${zone}`;
}

function isoOrNull(value: string | null): string | null {
  if (!value) return null;
  const time = Date.parse(value);
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

function earliest(values: readonly (string | null)[]): string | null {
  const times = values.map(isoOrNull).filter((value): value is string => value !== null);
  return times.length > 0 ? times.sort()[0]! : null;
}

function latestFetch(items: readonly Item[]): string | null {
  const times = items.map((item) => isoOrNull(item.fetchedAt)).filter((value): value is string => value !== null);
  return times.length > 0 ? times.sort().at(-1)! : null;
}

function maxIso(a: string, b: string): string {
  return a > b ? a : b;
}
