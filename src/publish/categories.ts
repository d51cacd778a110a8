/**
 * One spelling per category across outlets: `Ukraine`, ` ukraine ` and the
 * full-width `ＵＫＲＡＩＮＥ` are one tag. Angle brackets are dropped because the
 * `feed` package escapes only `&` in category attributes; no real tag needs them.
 */

export function normaliseCategory(name: string): string {
  return name
    .normalize('NFKC')
    .replace(/[<>]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/** Union of the members' categories, normalised, empty ones dropped, sorted so the output is stable. */
export function unionCategories(lists: readonly (readonly string[])[]): string[] {
  const set = new Set<string>();
  for (const list of lists) {
    for (const name of list) {
      const normalised = normaliseCategory(name);
      if (normalised) set.add(normalised);
    }
  }
  return [...set].sort();
}

/** The URL path segment for a category or an outlet: `VOA (美国之音)` → `voa-美国之音`. */
export function slugOf(name: string): string {
  return normaliseCategory(name)
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
}
