/**
 * Stable event ids. A regrouped neighbourhood is mapped back onto the ids its
 * items had: each previous event goes to the new group holding most of its
 * members, a group that receives several keeps the oldest and lists the rest
 * as aliases, and a group that receives none gets a new id derived from its
 * founding member. So members joining never change an id, a merge keeps the
 * older one, and re-running on the same items changes nothing.
 *
 * Pure: the registry of ids (creation order, aliases) is passed in and out.
 */
import { createHash } from 'node:crypto';

export interface EventIdRecord {
  /** Creation sequence: lower is older. */
  created: number;
  aliases: string[];
}

export interface IdRegistry {
  records: Map<string, EventIdRecord>;
  /** Ids that were absorbed into another event; never handed out again. */
  absorbed: Set<string>;
  next: number;
}

export interface GroupForIds {
  /** Item ids of the members, sorted. */
  members: string[];
  /** The member whose id names a new event: the earliest published, then lowest id. */
  founder: string;
}

export function newEventId(founder: string): string {
  return `ev-${createHash('sha256').update(founder).digest('hex').slice(0, 12)}`;
}

/**
 * @param previous item id -> event id before the regrouping (items of the neighbourhood only)
 * @returns the event id of each group, in the order given
 */
export function assignEventIds(groups: readonly GroupForIds[], previous: ReadonlyMap<string, string>, registry: IdRegistry): string[] {
  const overlap = new Map<string, Map<number, number>>();
  groups.forEach((group, index) => {
    for (const member of group.members) {
      const eventId = previous.get(member);
      if (!eventId) continue;
      let counts = overlap.get(eventId);
      if (!counts) {
        counts = new Map();
        overlap.set(eventId, counts);
      }
      counts.set(index, (counts.get(index) ?? 0) + 1);
    }
  });
  const claims = new Map<number, string[]>();
  for (const [eventId, counts] of [...overlap].sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0))) {
    let home = -1;
    let best = 0;
    for (const [index, count] of counts) {
      // Ties go to the group with the smaller first member: a fixed rule, not arrival order.
      if (count > best || (count === best && (groups[index]?.members[0] ?? '') < (groups[home]?.members[0] ?? ''))) {
        home = index;
        best = count;
      }
    }
    const list = claims.get(home) ?? [];
    list.push(eventId);
    claims.set(home, list);
  }
  return groups.map((group, index) => {
    const claimed = (claims.get(index) ?? []).sort((x, y) => age(registry, x) - age(registry, y) || (x < y ? -1 : 1));
    const [keep, ...absorbed] = claimed;
    if (keep) {
      const record = registry.records.get(keep) ?? { created: registry.next++, aliases: [] };
      for (const id of absorbed) {
        const gone = registry.records.get(id);
        record.aliases = [...new Set([...record.aliases, id, ...(gone?.aliases ?? [])])].sort();
        registry.records.delete(id);
        registry.absorbed.add(id);
      }
      registry.records.set(keep, record);
      return keep;
    }
    let id = newEventId(group.founder);
    for (let suffix = 2; registry.records.has(id) || registry.absorbed.has(id); suffix += 1) id = `${newEventId(group.founder)}-${suffix}`;
    registry.records.set(id, { created: registry.next++, aliases: [] });
    return id;
  });
}

function age(registry: IdRegistry, id: string): number {
  return registry.records.get(id)?.created ?? Number.MAX_SAFE_INTEGER;
}
