/**
 * The event: one real-world occurrence (a meeting, a call, a statement) and the
 * items from every outlet that report it. Dedup produces these; publish and the
 * reader consume them.
 */

export interface EventMember {
  id: string;
  origin: string;
  url: string | null;
  outlet: string;
  title: string;
  published: string | null;
}

/** An item as it is listed in an event. */
export function eventMemberOf(item: EventMember): EventMember {
  return { id: item.id, origin: item.origin, url: item.url, outlet: item.outlet, title: item.title, published: item.published };
}

export interface Event {
  /** Stable id: once published it never changes while the event lives. */
  id: string;
  /** Ids of events that were found later to be this one and were absorbed into it. */
  aliases: string[];
  /** The best headline for the event. */
  title: string;
  /** Earliest member publication (or first-seen time for undated members), ISO 8601. */
  published: string | null;
  /** Latest change: the newest member's publication or the time a member joined, ISO 8601. */
  updated: string | null;
  /** Members in publication order (undated last). */
  items: EventMember[];
}
