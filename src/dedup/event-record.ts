/**
 * Builds the published `Event` record of a group: the headline that best
 * stands for the group, earliest publication, latest change, and the members
 * in publication order (undated last).
 *
 * The headline is the member most similar to the others (the centre of the
 * group), preferring a Chinese headline over an English or Japanese one put
 * over a Chinese body, and simplified over traditional, with column labels
 * like `樱花FM┃` stripped. Does not rank or filter events.
 */
import { eventMemberOf, type Event, type EventMember } from '../event.js';
import type { DedupItem } from './dedup-item.js';
import type { ItemProfile } from './fingerprint.js';

export interface EventSource {
  item: DedupItem;
  profile: ItemProfile;
}

const HAN = /\p{Script=Han}/gu;
const MAX_COMPARED = 24;

function timeOf(iso: string | null): number | null {
  if (!iso) return null;
  const time = Date.parse(iso);
  return Number.isNaN(time) ? null : time;
}

function headlinePreference(source: EventSource): number {
  const title = source.profile.title;
  const han = (title.match(HAN) ?? []).length;
  let preference = 0;
  if (han >= Math.max(4, title.length * 0.4)) preference += 0.5;
  if (/^zh-(hant|tw|hk)/i.test(source.item.lang)) preference -= 0.2;
  if (title.length < 6) preference -= 0.3;
  return preference;
}

/**
 * @param sources the members (at least one)
 * @param pairScore similarity of two members, by position in `sources`
 */
export function buildEvent<T extends EventSource>(id: string, aliases: readonly string[], sources: readonly T[], pairScore: (a: number, b: number) => number): Event {
  const ordered = [...sources].sort((a, b) => {
    const timeA = timeOf(a.item.published);
    const timeB = timeOf(b.item.published);
    if (timeA !== null && timeB !== null && timeA !== timeB) return timeA - timeB;
    if (timeA === null && timeB !== null) return 1;
    if (timeA !== null && timeB === null) return -1;
    return a.item.id < b.item.id ? -1 : a.item.id > b.item.id ? 1 : 0;
  });
  const compared = ordered.slice(0, MAX_COMPARED);
  let best = 0;
  let bestValue = Number.NEGATIVE_INFINITY;
  compared.forEach((source, index) => {
    let centrality = 0;
    compared.forEach((_, other) => {
      if (other !== index) centrality += (pairScore(sources.indexOf(source), sources.indexOf(compared[other] as T)));
    });
    const value = (compared.length > 1 ? centrality / (compared.length - 1) : 0) + headlinePreference(source);
    if (value > bestValue) {
      bestValue = value;
      best = index;
    }
  });
  const published = ordered.map((source) => timeOf(source.item.published)).filter((time): time is number => time !== null);
  const joined = ordered.map((source) => timeOf(source.item.published) ?? timeOf(source.item.firstSeen)).filter((time): time is number => time !== null);
  const items: EventMember[] = ordered.map(({ item }) => eventMemberOf(item));
  return {
    id,
    aliases: [...aliases],
    title: compared[best]?.profile.title ?? ordered[0]?.item.title ?? '',
    published: published.length > 0 ? new Date(Math.min(...published)).toISOString() : joined.length > 0 ? new Date(Math.min(...joined)).toISOString() : null,
    updated: joined.length > 0 ? new Date(Math.max(...joined)).toISOString() : null,
    items,
  };
}
