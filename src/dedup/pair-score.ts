/**
 * Levels 1-3 of dedup for one pair of items: the same item (shared GUID, URL
 * or content hash), a near-identical copy (MinHash), or the same occurrence in
 * another write-up (weighted title, lead, entity, date and time features).
 * Returns the features as well as the decision so `feedfold explain` can show
 * why two items were or were not folded together.
 *
 * Decides about a pair only; whether a pair's items end up in one event also
 * depends on the rest of the group (cluster.ts).
 */
import type { DedupConfig } from './config.js';
import type { ItemProfile } from './fingerprint.js';
import { dayNumber, monthDayKey, type DayNumber } from './mentioned-dates.js';
import { estimateJaccard } from './minhash.js';
import type { TermVector } from './fingerprint.js';
import { containment, overlap, weighVector, type TermWeights, type WeightedVector } from './term-weights.js';

export type PairDecision = 'same-item' | 'near-duplicate' | 'same-event' | 'different' | 'too-far-apart';

export interface PairFeatures {
  /** Shared GUID, URL or content hash. */
  sameItem: boolean;
  /** Estimated shingle Jaccard of the leads (0..1). */
  copy: number;
  /** TF-IDF cosine of the headlines. */
  title: number;
  /** Rarity of the rarest term both headlines share: its idf over the largest idf possible (0..1). */
  titleRare: number;
  /** TF-IDF cosine of headline + lead. */
  lead: number;
  /** How much of each headline the other item's headline + lead covers (idf-weighted, mean of both ways). */
  headlineCover: number;
  /** The weaker direction of headline coverage. */
  headlineCoverMin: number;
  /** Saturating amount of rare vocabulary shared by the two texts (0..1). */
  rareShared: number;
  /** Overlap of mentioned entities and counts (0..1). */
  entities: number;
  /** The entities both mention, by name: filled by explainPair (profiles hold hashes only), empty here. */
  sharedEntities: string[];
  /** Both name the same occurrence day (within `dateConflictDays`). */
  dateAgree: boolean;
  /** Both name an occurrence day and the days are different. */
  dateConflict: boolean;
  /** Occurrence days as `YYYY-MM-DD` (undated items: `--MM-DD`). */
  occurrence: [string | null, string | null];
  /** Days between publications, or null when either is undated. */
  daysApart: number | null;
}

export interface PairScore {
  features: PairFeatures;
  score: number;
  decision: PairDecision;
}

const DAY_MS = 86_400_000;

/** Weighings are numbered across scorers, so a vector weighed by one scorer is never taken as weighed by another. */
let weighings = 0;
function nextWeighing(): number {
  weighings += 1;
  return weighings;
}

export class PairScorer {
  /**
   * Weighted vectors are cached until the number of items has moved by a
   * tenth since they were computed: idf shifts slowly, and re-weighing every
   * candidate in every batch was most of the cost of an incremental batch.
   * The cache sits on the vectors themselves, stamped with the weighing it
   * belongs to: a WeakMap of 100k vectors made every full garbage collection
   * walk its entries.
   */
  private weighing = 0;
  private weightedAt = -1;
  private rareIdf = 0;
  private maxIdf = 1;

  constructor(
    private readonly weights: TermWeights,
    private readonly config: DedupConfig,
  ) {
    this.refresh();
  }

  /**
   * Call after items were added or removed; forgets the cached weights when
   * the corpus moved enough. Returns whether it did: until then every score
   * stays the same, so callers may keep scores too.
   */
  refresh(force = false): boolean {
    const size = this.weights.size;
    if (!force && this.weightedAt >= 0 && Math.abs(size - this.weightedAt) <= this.weightedAt * 0.1) return false;
    this.weighing = nextWeighing();
    this.weightedAt = size;
    // A term in fewer than ~2% of the items counts as rare.
    this.rareIdf = Math.log(1 + (size + 1) / (Math.max(2, size * 0.02) + 1));
    // The idf of a term only one item holds: scales titleRare to 0..1 whatever the corpus size.
    this.maxIdf = Math.log(1 + (size + 1) / 2);
    return true;
  }

  /** @param detail also format the occurrence days (for explanations) */
  score(a: ItemProfile, b: ItemProfile, detail = false): PairScore {
    const features = emptyFeatures();
    const raw = this.fill(a, b, features);
    const decision = decide(features, raw, this.config);
    // Too far apart means the text was never compared (see fill).
    if (decision !== 'too-far-apart' && detail) features.occurrence = [formatDay(a.dates.primary, a.day !== null), formatDay(b.dates.primary, b.day !== null)];
    return { features, score: decisionScore(decision, raw, this.config.linkThreshold), decision };
  }

  /**
   * The pair score alone, as `score` gives it, without building a features
   * record: clustering scores millions of candidate pairs at 100k items, and
   * a record with its entity list for each was garbage to collect. A pair
   * links when it is at or above the link threshold.
   */
  scoreValue(a: ItemProfile, b: ItemProfile): number {
    const raw = this.fill(a, b, this.scratch);
    return decisionScore(decide(this.scratch, raw, this.config), raw, this.config.linkThreshold);
  }

  private readonly scratch = emptyFeatures();

  /** Writes the features of a pair into `f` (all but sharedEntities and occurrence) and returns the weighted score. */
  private fill(a: ItemProfile, b: ItemProfile, f: PairFeatures): number {
    const config = this.config;
    f.sameItem = a.identity.some((key) => b.identity.includes(key));
    f.daysApart = a.time === null || b.time === null ? null : Math.abs(a.time - b.time) / DAY_MS;
    f.copy = Math.min(a.leadLength, b.leadLength) >= config.nearDuplicateMinChars ? estimateJaccard(a.signature, b.signature) : 0;
    const daysApart = f.daysApart;
    if (!f.sameItem && daysApart !== null && daysApart > config.maxDaysApart && !(f.copy >= config.nearDuplicateJaccard && daysApart <= config.nearDuplicateMaxDays)) {
      // Too far apart whatever the text says: skip the text features, most index candidates end here.
      f.title = f.titleRare = f.lead = f.headlineCover = f.headlineCoverMin = f.rareShared = f.entities = 0;
      f.dateAgree = f.dateConflict = false;
      return Math.min(0, -config.weights.timeGap);
    }
    const titleA = this.weigh(a.titleTerms);
    const titleB = this.weigh(b.titleTerms);
    const bodyA = this.weigh(a.bodyTerms);
    const bodyB = this.weigh(b.bodyTerms);
    const titles = overlap(titleA, titleB);
    f.title = titles.cosine;
    f.titleRare = Math.min(1, titles.rarest / this.maxIdf);
    const bodies = overlap(bodyA, bodyB, this.rareIdf);
    f.lead = bodies.cosine;
    const coverA = containment(titleA, bodyB);
    const coverB = containment(titleB, bodyA);
    f.headlineCover = (coverA + coverB) / 2;
    // A reaction or follow-up recaps the event it reacts to, so its text covers the event's headline,
    // but the event's reports never cover the reaction's headline: the weaker direction tells them apart.
    f.headlineCoverMin = Math.min(coverA, coverB);
    f.rareShared = bodies.shared / (bodies.shared + config.rareSharedHalf);
    f.entities = a.entities.length === 0 || b.entities.length === 0 ? 0 : sharedCount(a.entities, b.entities) / Math.sqrt(a.entities.length * b.entities.length);
    const dates = compareOccurrence(a, b, config.dateConflictDays);
    f.dateAgree = dates.agree;
    f.dateConflict = dates.conflict;
    const w = config.weights;
    const gap = daysApart === null ? 0 : Math.min(1, daysApart / config.maxDaysApart);
    return (
      w.title * f.title + w.titleRare * f.titleRare + w.lead * f.lead + w.headlineCover * f.headlineCover + w.headlineCoverMin * f.headlineCoverMin +
      w.rareShared * f.rareShared + w.entities * f.entities + (f.dateAgree ? w.dateAgree : 0) - (f.dateConflict ? w.dateConflict : 0) - w.timeGap * gap
    );
  }

  private weigh(vector: TermVector): WeightedVector {
    if (vector.weighing === this.weighing && vector.weighted) return vector.weighted;
    const weighted = weighVector(vector, this.weights);
    vector.weighted = weighted;
    vector.weighing = this.weighing;
    return weighted;
  }
}

function emptyFeatures(): PairFeatures {
  return {
    sameItem: false, copy: 0, title: 0, titleRare: 0, lead: 0, headlineCover: 0, headlineCoverMin: 0, rareShared: 0, entities: 0, sharedEntities: [],
    dateAgree: false, dateConflict: false, occurrence: [null, null], daysApart: null,
  };
}

function decide(f: PairFeatures, raw: number, config: DedupConfig): PairDecision {
  if (f.sameItem) return 'same-item';
  if (f.copy >= config.nearDuplicateJaccard && (f.daysApart === null || f.daysApart <= config.nearDuplicateMaxDays)) return 'near-duplicate';
  if (f.daysApart !== null && f.daysApart > config.maxDaysApart) return 'too-far-apart';
  return raw >= config.linkThreshold ? 'same-event' : 'different';
}

/** Entries two sorted lists share (entity hashes are sorted by profileItem). */
function sharedCount(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let i = 0;
  let j = 0;
  let count = 0;
  while (i < a.length && j < b.length) {
    const x = a[i] as number;
    const y = b[j] as number;
    if (x === y) {
      count += 1;
      i += 1;
      j += 1;
    } else if (x < y) i += 1;
    else j += 1;
  }
  return count;
}

/**
 * Levels 1 and 2 are certain: they outrank any level-3 score so they merge
 * first. Group averages clamp every pair at `linkageCap`, so a pair of copies
 * cannot carry an unrelated item into the group.
 */
function decisionScore(decision: PairDecision, score: number, linkThreshold: number): number {
  const cap = linkageCap(linkThreshold);
  if (decision === 'same-item') return cap + 2;
  if (decision === 'near-duplicate') return cap + 1 + Math.max(0, Math.min(score, cap)) / (100 * cap);
  if (decision === 'too-far-apart') return Math.min(score, 0);
  return score;
}

export function linkageCap(linkThreshold: number): number {
  return linkThreshold * 1.5;
}

/** Undated items carry month/day in the year 2000 (mentioned-dates.ts); compare on that footing. */
function comparable(day: DayNumber, dated: boolean, otherDated: boolean): DayNumber {
  if (dated === otherDated) return day;
  if (!dated) return day;
  const key = monthDayKey(day);
  return dayNumber(2000, Math.floor(key / 100), key % 100);
}

function compareOccurrence(a: ItemProfile, b: ItemProfile, tolerance: number): { agree: boolean; conflict: boolean } {
  const primaryA = a.dates.primary;
  const primaryB = b.dates.primary;
  if (primaryA === null || primaryB === null) return { agree: false, conflict: false };
  const datedA = a.day !== null;
  const datedB = b.day !== null;
  const pa = comparable(primaryA, datedA, datedB);
  const pb = comparable(primaryB, datedB, datedA);
  if (Math.abs(pa - pb) <= tolerance) return { agree: true, conflict: false };
  // One report may lead with the day before ("Monday's talks"), another with the day after: mentioned anywhere is enough.
  const nearA = a.dates.days.some((day) => Math.abs(comparable(day, datedA, datedB) - pb) <= tolerance);
  const nearB = b.dates.days.some((day) => Math.abs(comparable(day, datedB, datedA) - pa) <= tolerance);
  return { agree: false, conflict: !nearA && !nearB };
}

function formatDay(day: DayNumber | null, dated: boolean): string | null {
  if (day === null) return null;
  const iso = new Date(day * DAY_MS).toISOString().slice(0, 10);
  return dated ? iso : `--${iso.slice(5)}`;
}
