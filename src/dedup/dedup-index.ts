/**
 * The incremental dedup engine: holds item profiles, the candidate index, term
 * weights and the current grouping, and folds a batch of new, changed or
 * removed items into events. Only the neighbourhood a batch touches (every
 * item reachable through links from a new or changed item) is regrouped, and
 * its groups are mapped back onto the previous event ids.
 *
 * Its persistent part (which event each item is in, event ages and aliases)
 * is a small JSON record, `DedupIndexState`; profiles are recomputed from the
 * items on load, which is linear and far smaller to keep than the profiles.
 * Does not read or write the store.
 */
import type { Event } from '../event.js';
import { CandidateIndex, compareCandidates, rankCandidates } from './candidate-index.js';
import { clusterNeighbourhood, type ScoredEdge } from './cluster.js';
import { deleteEdge, setEdge, type EdgeList } from './edge-list.js';
import type { DedupConfig } from './config.js';
import type { DedupItem } from './dedup-item.js';
import { assignEventIds, type GroupForIds, type IdRegistry } from './event-ids.js';
import { buildEvent } from './event-record.js';
import { profileItem, type ItemProfile } from './fingerprint.js';
import { hashString } from './minhash.js';
import { OrdinalMarks } from './ordinal-marks.js';
import { PairScoreCache } from './pair-score-cache.js';
import { PairScorer, linkageCap } from './pair-score.js';
import { TermWeights } from './term-weights.js';


export interface DedupIndexState {
  version: 1;
  /** Item id -> [event id, fingerprint of the fields dedup reads]. */
  items: Record<string, [string, string]>;
  /** Event id -> [creation sequence, absorbed ids]. */
  events: Record<string, [number, string[]]>;
  /** Ids absorbed into other events, never reused. */
  absorbed: string[];
  next: number;
}

interface Slot {
  item: DedupItem;
  profile: ItemProfile;
  fingerprint: string;
  /** Neighbours and pair scores, for pairs at or above the link threshold; null until needed. */
  edges: EdgeList | null;
  /** Hash of the item id: breaks ties between equally good candidates independently of arrival order. */
  tie: number;
  /** The last candidate this item scored when its edges were computed, if it had more than it scores; null: it scored all. */
  floor: { shared: number; tie: number; ordinal: number } | null;
  eventId: string | null;
  /** Publication time in ms, else first-seen time (NaN when neither parses): what makes an item the founder of its group. */
  born: number;
}

/** What changed in one batch. */
export interface DedupChange {
  added: string[];
  updated: string[];
  removed: string[];
  /** Events whose membership or id changed in this batch. */
  events: string[];
}

export function itemFingerprint(item: DedupItem): string {
  return hashString([item.title, item.published ?? '', item.contentHash, item.url ?? '', item.guid ?? '', item.lead].join('\u0001')).toString(36);
}

export class DedupIndex {
  private readonly slots: (Slot | undefined)[] = [];
  private readonly byId = new Map<string, number>();
  private readonly candidates: CandidateIndex;
  private readonly weights = new TermWeights();
  private scorer: PairScorer;
  private readonly pairCache = new PairScoreCache();
  private readonly members = new Map<string, Set<number>>();
  private readonly registry: IdRegistry = { records: new Map(), absorbed: new Set(), next: 0 };
  /** Assignments from a saved state, for items not loaded yet: id -> [event id, fingerprint]. */
  private readonly saved = new Map<string, [string, string]>();
  /** Events that lost a member since the last cleanup. */
  private readonly touched = new Set<string>();
  /** The items the current regrouping reached (see regroup). */
  private readonly reached = new OrdinalMarks();

  constructor(private readonly config: DedupConfig) {
    this.candidates = new CandidateIndex(config);
    this.scorer = new PairScorer(this.weights, config);
  }

  /** Loads a saved state: event ages, aliases and item assignments (applied as the items arrive). */
  restore(state: DedupIndexState | null, events: readonly Event[] = []): void {
    if (state && state.version === 1) {
      for (const [id, [created, aliases]] of Object.entries(state.events)) this.registry.records.set(id, { created, aliases: [...aliases] });
      for (const id of state.absorbed) this.registry.absorbed.add(id);
      this.registry.next = state.next;
      for (const [id, entry] of Object.entries(state.items)) this.saved.set(id, entry);
      return;
    }
    // Without an index state (first run after an upgrade, or a lost side file) the stored events still carry the ids.
    const ordered = [...events].sort((a, b) => (a.published ?? '').localeCompare(b.published ?? '') || a.id.localeCompare(b.id));
    for (const event of ordered) {
      this.registry.records.set(event.id, { created: this.registry.next++, aliases: [...event.aliases] });
      for (const alias of event.aliases) this.registry.absorbed.add(alias);
      for (const member of event.items) this.saved.set(member.id, [event.id, '']);
    }
  }

  /**
   * Folds a batch into the events.
   * @param items new and changed items; with `complete`, every current item (missing ones are removed)
   */
  apply(items: readonly DedupItem[], complete: boolean): DedupChange {
    const change: DedupChange = { added: [], updated: [], removed: [], events: [] };
    // A run over the whole store weighs with exact current counts: links found under older weights are found again.
    if (complete) for (const slot of this.slots) if (slot) slot.edges = null;
    const seeds = new Set<number>();
    const previous = new Map<string, string>();
    const present = new Set<string>();
    const fresh: Slot[] = [];
    let savedGone = false;
    for (const item of items) {
      present.add(item.id);
      const fingerprint = itemFingerprint(item);
      const known = this.byId.get(item.id);
      if (known !== undefined) {
        const slot = this.slots[known];
        if (slot && slot.fingerprint === fingerprint) continue;
        if (slot?.eventId) previous.set(item.id, slot.eventId);
        this.removeSlot(known, seeds);
        change.updated.push(item.id);
      } else {
        const saved = this.saved.get(item.id);
        if (saved) {
          this.saved.delete(item.id);
          if (saved[1] === fingerprint && this.registry.records.has(saved[0])) {
            this.insert(item, fingerprint, saved[0]);
            continue;
          }
          previous.set(item.id, saved[0]);
        }
        change.added.push(item.id);
      }
      fresh.push(this.newSlot(item, fingerprint));
    }
    if (complete) {
      for (const [id, ordinal] of [...this.byId]) {
        if (present.has(id)) continue;
        this.removeSlot(ordinal, seeds);
        change.removed.push(id);
      }
      // Saved assignments of items that are gone: their events must be regrouped without them.
      for (const [id, [eventId]] of this.saved) {
        if (present.has(id)) continue;
        savedGone = true;
        for (const member of this.members.get(eventId) ?? []) seeds.add(member);
      }
      this.saved.clear();
    }
    for (const slot of fresh) seeds.add(this.insertSlot(slot));
    // Removals change term weights as additions do, whether the removed items were loaded or only in a saved state.
    if (complete && (fresh.length > 0 || change.removed.length > 0 || savedGone)) this.widenSeeds(seeds);
    // A run over the whole store weighs with exact current counts (see widenSeeds); small batches may reuse weights.
    // Scores only change when the scorer re-weighs. A run over everything starts afresh; in a stream of
    // small batches a pair keeps the score it was first given, as its edge does, so regrouping a
    // neighbourhood after a re-weighing does not score all its pairs again.
    if (this.scorer.refresh(complete)) {
      // The weights cached on every profile are stale now: drop them rather than keep them alive until next used.
      for (const slot of this.slots) {
        if (!slot) continue;
        slot.profile.titleTerms.weighted = null;
        slot.profile.bodyTerms.weighted = null;
      }
      if (complete) this.pairCache.clear();
    }
    change.events = this.regroup(seeds, previous);
    this.dropEmptyEvents(complete);
    return change;
  }

  /** Every event, oldest first. */
  events(): Event[] {
    const scorer = this.scorer;
    const events: Event[] = [];
    for (const [id, ordinals] of this.members) {
      const list = [...ordinals].filter((ordinal) => this.slots[ordinal]);
      const slots = list.map((ordinal) => this.slots[ordinal] as Slot);
      if (slots.length === 0) continue;
      const record = this.registry.records.get(id);
      events.push(buildEvent(id, record?.aliases ?? [], slots, (a, b) => Math.min(linkageCap(this.config.linkThreshold), this.cachedScore(list[a] as number, list[b] as number, scorer))));
    }
    return events.sort((a, b) => (a.published ?? '\uffff').localeCompare(b.published ?? '\uffff') || a.id.localeCompare(b.id));
  }

  state(): DedupIndexState {
    const items: DedupIndexState['items'] = {};
    for (const [id, ordinal] of this.byId) {
      const slot = this.slots[ordinal];
      if (slot?.eventId) items[id] = [slot.eventId, slot.fingerprint];
    }
    const events: DedupIndexState['events'] = {};
    for (const [id, record] of this.registry.records) events[id] = [record.created, record.aliases];
    return { version: 1, items, events, absorbed: [...this.registry.absorbed].sort(), next: this.registry.next };
  }

  /** Event id of an item, or null when it is unknown. */
  eventOf(itemId: string): string | null {
    const ordinal = this.byId.get(itemId);
    return ordinal === undefined ? null : (this.slots[ordinal]?.eventId ?? null);
  }

  get size(): number {
    return this.byId.size;
  }

  /** Ids of the items held. */
  itemIds(): string[] {
    return [...this.byId.keys()];
  }

  /** The items held, as they were given. */
  currentItems(): DedupItem[] {
    const items: DedupItem[] = [];
    for (const slot of this.slots) if (slot) items.push(slot.item);
    return items;
  }

  /**
   * New items change term weights, and with them the scores of pairs near
   * them in time that no new item links to. A run over the whole store
   * (`complete`) therefore regroups every item in the time buckets the batch
   * touched, so that ingesting in parts ends where ingesting at once does.
   */
  private widenSeeds(seeds: Set<number>): void {
    const touched = new Set<number>();
    for (const ordinal of seeds) {
      const slot = this.slots[ordinal];
      if (!slot) continue;
      const bucket = this.candidates.bucketOf(slot.profile);
      for (const near of this.candidates.neighbourBuckets(bucket)) touched.add(near);
    }
    this.slots.forEach((slot, ordinal) => {
      if (slot && touched.has(this.candidates.bucketOf(slot.profile))) seeds.add(ordinal);
    });
  }

  private newSlot(item: DedupItem, fingerprint: string): Slot {
    return {
      item,
      fingerprint,
      profile: profileItem(item, this.config),
      edges: null,
      tie: hashString(item.id),
      floor: null,
      eventId: null,
      born: bornTime(item),
    };
  }

  private insert(item: DedupItem, fingerprint: string, eventId: string): void {
    const ordinal = this.insertSlot(this.newSlot(item, fingerprint));
    this.setEvent(ordinal, eventId);
  }

  private insertSlot(slot: Slot): number {
    const ordinal = this.slots.length;
    this.slots.push(slot);
    this.byId.set(slot.item.id, ordinal);
    this.candidates.add(ordinal, slot.profile);
    this.weights.add(slot.profile.bodyTerms);
    return ordinal;
  }

  private removeSlot(ordinal: number, seeds: Set<number>): void {
    const slot = this.slots[ordinal];
    if (!slot) return;
    const edges = this.edgesOf(ordinal);
    for (let at = 0; at < edges.length; at += 2) {
      const neighbour = edges[at] as number;
      seeds.add(neighbour);
      const neighbourEdges = this.slots[neighbour]?.edges;
      if (neighbourEdges) deleteEdge(neighbourEdges, ordinal);
    }
    if (slot.eventId) for (const member of this.members.get(slot.eventId) ?? []) if (member !== ordinal) seeds.add(member);
    this.setEvent(ordinal, null);
    this.candidates.remove(ordinal, slot.profile);
    this.weights.remove(slot.profile.bodyTerms);
    this.byId.delete(slot.item.id);
    this.slots[ordinal] = undefined;
    seeds.delete(ordinal);
  }

  private setEvent(ordinal: number, eventId: string | null): void {
    const slot = this.slots[ordinal];
    if (!slot) return;
    if (slot.eventId) {
      this.members.get(slot.eventId)?.delete(ordinal);
      this.touched.add(slot.eventId);
    }
    slot.eventId = eventId;
    if (eventId) {
      let set = this.members.get(eventId);
      if (!set) {
        set = new Set();
        this.members.set(eventId, set);
      }
      set.add(ordinal);
    }
  }

  private dropEmptyEvents(complete: boolean): void {
    for (const id of this.touched) {
      if ((this.members.get(id)?.size ?? 0) > 0) continue;
      this.members.delete(id);
      this.registry.records.delete(id);
    }
    this.touched.clear();
    if (complete) {
      // Events of a saved state whose items never came back are gone.
      for (const id of [...this.registry.records.keys()]) if (!this.members.has(id)) this.registry.records.delete(id);
    }
  }

  private cachedScore(a: number, b: number, scorer = this.scorer): number {
    let score = this.pairCache.get(a, b);
    if (score === undefined) {
      const slotA = this.slots[a];
      const slotB = this.slots[b];
      score = slotA && slotB ? scorer.scoreValue(slotA.profile, slotB.profile) : 0;
      this.pairCache.set(a, b, score);
    }
    return score;
  }

  /**
   * Links of an item: candidates scoring at or above the link threshold
   * (computed once, then kept). Only its `maxCandidates` best candidates are
   * scored, plus any further candidate that has this item among its own best
   * (judged by that item's `floor`), so a pair is scored whichever of the two
   * is looked at first, and an item in a crowded neighbourhood costs no more
   * than `maxCandidates` scores.
   */
  private edgesOf(ordinal: number): EdgeList {
    const slot = this.slots[ordinal];
    if (!slot) return [];
    if (slot.edges) return slot.edges;
    const edges: EdgeList = [];
    const ranked = rankCandidates(this.candidates.candidates(ordinal, slot.profile), (other) => this.slots[other]?.tie ?? 0);
    const limit = this.config.maxCandidates;
    for (let rank = 0; rank < ranked.length; rank += 1) {
      const { ordinal: other, shared } = ranked[rank] as { ordinal: number; shared: number };
      const otherSlot = this.slots[other];
      if (!otherSlot) continue;
      if (rank >= limit && !this.amongBest(otherSlot, shared, slot.tie, ordinal)) continue;
      const score = this.scorer.scoreValue(slot.profile, otherSlot.profile);
      this.pairCache.set(ordinal, other, score);
      // Every decision that links (same item, copy, same event) scores at or above the link threshold.
      if (score < this.config.linkThreshold) continue;
      // Candidates are distinct, so this item's new list takes a plain push; the other's may hold the link already.
      edges.push(other, score);
      if (otherSlot.edges) setEdge(otherSlot.edges, ordinal, score);
    }
    const last = ranked.length > limit ? ranked[limit - 1] : undefined;
    slot.floor = last ? { shared: last.shared, tie: this.slots[last.ordinal]?.tie ?? 0, ordinal: last.ordinal } : null;
    slot.edges = edges;
    return edges;
  }

  /**
   * Whether an item (shared key weight, tie key, ordinal) is among the best
   * candidates of `slot`. Not known before `slot`'s edges are computed, and
   * then `slot` finds the pair itself.
   */
  private amongBest(slot: Slot, shared: number, tie: number, ordinal: number): boolean {
    if (!slot.edges) return false;
    const floor = slot.floor;
    return floor === null || compareCandidates(shared, tie, ordinal, floor.shared, floor.tie, floor.ordinal) <= 0;
  }

  private regroup(seeds: Set<number>, previous: Map<string, string>): string[] {
    // Members as reached, and marks for whether this regrouping reached them: at 100k items a batch of
    // 1000 reaches ~5000 items.
    const reached = this.reached;
    reached.clear(this.slots.length);
    const members: number[] = [];
    const queue = [...seeds].filter((ordinal) => this.slots[ordinal]);
    const reachedEvents = new Set<string>();
    while (queue.length > 0) {
      const ordinal = queue.pop() as number;
      if (!reached.mark(ordinal)) continue;
      members.push(ordinal);
      const edges = this.edgesOf(ordinal);
      for (let at = 0; at < edges.length; at += 2) if (!reached.has(edges[at] as number)) queue.push(edges[at] as number);
      const eventId = this.slots[ordinal]?.eventId;
      if (eventId && !reachedEvents.has(eventId)) {
        reachedEvents.add(eventId);
        for (const member of this.members.get(eventId) ?? []) if (!reached.has(member)) queue.push(member);
      }
    }
    if (members.length === 0) return [];
    // In no particular order: clustering orders by item id itself.
    const edges: ScoredEdge[] = [];
    for (const a of members) {
      const links = this.edgesOf(a);
      for (let at = 0; at < links.length; at += 2) {
        const b = links[at] as number;
        if (a < b && reached.has(b)) edges.push({ a, b, score: links[at + 1] as number });
      }
    }
    const groups = clusterNeighbourhood({
      members,
      edges,
      pairScore: (a, b) => this.cachedScore(a, b),
      keyOf: (ordinal) => this.slots[ordinal]?.item.id ?? '',
      mergeThreshold: this.config.mergeThreshold,
      groupMergeMargin: this.config.groupMergeMargin,
      scoreCap: linkageCap(this.config.linkThreshold),
      linkageSample: this.config.linkageSample,
    });
    const prior = new Map(previous);
    for (const ordinal of members) {
      const slot = this.slots[ordinal];
      if (slot?.eventId) prior.set(slot.item.id, slot.eventId);
    }
    const forIds: GroupForIds[] = groups.map((group) => ({
      members: group.map((ordinal) => this.slots[ordinal]?.item.id ?? ''),
      founder: this.slots[this.founder(group)]?.item.id ?? '',
    }));
    const ids = assignEventIds(forIds, prior, this.registry);
    const changed = new Set<string>();
    groups.forEach((group, index) => {
      const id = ids[index] as string;
      for (const ordinal of group) {
        const before = this.slots[ordinal]?.eventId ?? null;
        if (before !== id) {
          if (before) changed.add(before);
          changed.add(id);
          this.setEvent(ordinal, id);
        }
      }
    });
    return [...changed].sort();
  }

  private founder(group: readonly number[]): number {
    let best = group[0] as number;
    for (const ordinal of group) if (this.compareAge(ordinal, best) < 0) best = ordinal;
    return best;
  }

  private compareAge(a: number, b: number): number {
    return (this.slots[a]?.born ?? Number.NaN) - (this.slots[b]?.born ?? Number.NaN) || this.compareIds(a, b);
  }

  private compareIds(a: number, b: number): number {
    const idA = this.slots[a]?.item.id ?? '';
    const idB = this.slots[b]?.item.id ?? '';
    return idA < idB ? -1 : idA > idB ? 1 : 0;
  }
}

/** Publication time in ms, else first-seen time (a date that does not parse counts as none), else NaN. */
function bornTime(item: DedupItem): number {
  const published = Date.parse(item.published ?? '');
  return Number.isNaN(published) ? Date.parse(item.firstSeen ?? '') : published;
}
