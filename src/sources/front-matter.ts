/**
 * YAML front matter (`---` … `---` at the top of a file, after optional blank
 * lines), as Hexo and Jekyll posts have it. Returns null when the file has
 * none; throws SourceError('parse') when the block is there but is not YAML.
 */
import { parse } from 'yaml';
import { SourceError } from '../errors.js';

export interface FrontMatter {
  data: Record<string, unknown>;
  body: string;
}

const BLOCK = /^\s*---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)/;

export function splitFrontMatter(text: string, origin: string): FrontMatter | null {
  const match = BLOCK.exec(text);
  if (!match) return null;
  let data: unknown;
  try {
    data = parse(match[1] ?? '');
  } catch (cause) {
    throw new SourceError(origin, 'parse', `front matter is not valid YAML: ${(cause as Error).message}`, { cause });
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) return null;
  return { data: data as Record<string, unknown>, body: text.slice(match[0].length) };
}

/** A front-matter field as a string: strings as they are, dates (YAML timestamps) in ISO, else null. */
export function stringField(data: Record<string, unknown>, key: string): string | null {
  const value = data[key];
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number') return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString();
  return null;
}

/** A front-matter field as a list of strings (`categories: [a, b]`, `tags: a`). */
export function listField(data: Record<string, unknown>, key: string): string[] {
  const value = data[key];
  if (typeof value === 'string') return value.trim() === '' ? [] : [value.trim()];
  if (Array.isArray(value)) return value.flat().filter((entry): entry is string => typeof entry === 'string' && entry.trim() !== '').map((entry) => entry.trim());
  return [];
}
