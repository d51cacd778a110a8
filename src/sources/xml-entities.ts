/**
 * Entities that a feed declares in its own DOCTYPE (`<!DOCTYPE rss [ <!ENTITY
 * id "tag:example.com,"> ]>`): rss-parser's sax refuses them, so the simple
 * ones are expanded here and the DOCTYPE is taken out before parsing.
 *
 * Only internal general entities with a quoted value are expanded. External
 * entities (SYSTEM / PUBLIC) and parameter entities are never resolved or
 * fetched: a reference to one stays as written and the XML parser reports it.
 * Expansion is bounded — declarations, nesting and the characters it adds —
 * so a billion-laughs document fails with a clear error instead of eating
 * memory.
 */
import { SourceError } from '../errors.js';

export const ENTITY_LIMITS = {
  declarations: 256,
  depth: 8,
  /** Characters expansion may add to the document, all references together. */
  expandedChars: 1_000_000,
};

const PREDEFINED = new Set(['lt', 'gt', 'amp', 'quot', 'apos']);

/** Where the DOCTYPE declaration is and its internal subset, or null when the document has none. */
function findDoctype(text: string): { start: number; end: number; subset: string | null } | null {
  const start = text.search(/<!DOCTYPE\s/i);
  if (start < 0) return null;
  // A DOCTYPE only counts before the root element.
  const beforeRoot = text.slice(0, start).replace(/<!--[\s\S]*?-->/g, '').replace(/<\?[\s\S]*?\?>/g, '');
  if (/</.test(beforeRoot)) return null;
  let subsetStart = -1;
  let subsetEnd = -1;
  let quote: string | null = null;
  for (let i = start + 9; i < text.length; i++) {
    const char = text[i];
    if (quote) {
      if (char === quote) quote = null;
    } else if (char === '"' || char === "'") {
      quote = char;
    } else if (subsetStart >= 0 && subsetEnd < 0) {
      if (text.startsWith('<!--', i)) {
        const close = text.indexOf('-->', i + 4);
        if (close < 0) return null;
        i = close + 2;
      } else if (char === ']') {
        subsetEnd = i;
      }
    } else if (char === '[') {
      subsetStart = i + 1;
    } else if (char === '>') {
      return { start, end: i + 1, subset: subsetStart >= 0 ? text.slice(subsetStart, subsetEnd) : null };
    }
  }
  return null;
}

/**
 * The document with its internal entity references replaced and a DOCTYPE
 * that has an internal subset removed; unchanged when there is no such
 * DOCTYPE. Throws SourceError('parse') when the declarations go over the limits.
 */
export function expandInternalEntities(text: string, origin: string, limits = ENTITY_LIMITS): string {
  const doctype = findDoctype(text);
  if (!doctype || doctype.subset === null) return text;
  const fail = (why: string): never => {
    throw new SourceError(origin, 'parse', `DOCTYPE entities refused: ${why}`);
  };

  const declared = new Map<string, string>();
  const subset = doctype.subset.replace(/<!--[\s\S]*?-->/g, '');
  for (const match of subset.matchAll(/<!ENTITY\s+(%\s+)?([A-Za-z_:][\w.:-]*)\s+(?:"([^"]*)"|'([^']*)'|(SYSTEM|PUBLIC)\b[^>]*)\s*>/g)) {
    const [, parameter, name, double, single, external] = match;
    if (parameter || external || !name) continue;
    if (declared.size >= limits.declarations) fail(`more than ${limits.declarations} entity declarations`);
    // The first declaration of a name binds (XML 1.0 §4.2).
    if (!declared.has(name)) declared.set(name, double ?? single ?? '');
  }

  let added = 0;
  const expanded = new Map<string, string>();
  const expand = (value: string, stack: string[]): string => {
    // Built piece by piece so that the size check comes before the memory is spent.
    const pieces: string[] = [];
    let length = 0;
    let last = 0;
    for (const match of value.matchAll(/&([A-Za-z_:][\w.:-]*);/g)) {
      const name = match[1] ?? '';
      let replacement = expanded.get(name);
      if (replacement === undefined && !PREDEFINED.has(name) && declared.has(name)) {
        if (stack.includes(name)) fail(`entity "${name}" refers to itself`);
        if (stack.length >= limits.depth) fail(`entities nested more than ${limits.depth} deep`);
        replacement = expand(declared.get(name) ?? '', [...stack, name]);
        expanded.set(name, replacement);
      }
      if (replacement === undefined) continue;
      pieces.push(value.slice(last, match.index), replacement);
      length += (match.index ?? 0) - last + replacement.length;
      last = (match.index ?? 0) + match[0].length;
      if (length > limits.expandedChars) fail(`${stack.length > 0 ? `entity "${stack.at(-1)}"` : 'a reference'} expands to more than ${limits.expandedChars} characters`);
    }
    pieces.push(value.slice(last));
    return pieces.join('');
  };

  const body = text.slice(doctype.end);
  // References inside CDATA sections and comments are text, not references.
  const parts = body.split(/(<!\[CDATA\[[\s\S]*?\]\]>|<!--[\s\S]*?-->)/);
  const out = parts.map((part, index) => {
    if (index % 2 === 1) return part;
    return part.replace(/&([A-Za-z_:][\w.:-]*);/g, (reference, name: string) => {
      if (PREDEFINED.has(name) || !declared.has(name)) return reference;
      const value = expand(reference, []);
      added += value.length;
      if (added > limits.expandedChars) fail(`entity expansion adds more than ${limits.expandedChars} characters`);
      return value;
    });
  });
  return text.slice(0, doctype.start) + out.join('');
}
