/**
 * Globally unique, permanent ids for published entries and feeds (`tag:` URIs,
 * RFC 4151). They name the event, not the server: the authority is fixed so
 * that moving the installation to another host (a new FEEDFOLD_BASE_URL) or
 * serving it from localhost never changes an id a reader has already seen.
 */

const TAG_AUTHORITY = 'tag:feedfold,2022:';

/** The id of an event's entry, the same in Atom, RSS and JSON Feed. */
export function eventTagUri(eventId: string): string {
  return `${TAG_AUTHORITY}event/${encodeSegment(eventId)}`;
}

/** The id of a feed; `scope` is the filter path (`sources/voa`, `tags/ukraine`) or empty for the main feed. */
export function feedTagUri(scope: string): string {
  return scope ? `${TAG_AUTHORITY}feed/${scope.split('/').map(encodeSegment).join('/')}` : `${TAG_AUTHORITY}feed`;
}

/** Percent-encodes everything but unreserved characters, so an id never needs escaping in XML or JSON. */
function encodeSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/[!'()*]/g, (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`);
}
