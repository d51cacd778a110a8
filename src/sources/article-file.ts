/**
 * Article files: one scraped article per file, markdown or HTML, in one of
 * the layouts of article-formats/. The layout is chosen by content. Bytes
 * that are not UTF-8 text are refused (SourceError 'encoding'); a text no
 * reader understands is refused ('unrecognised'); never an empty item.
 *
 * It does not walk folders (local-paths does) and does not decode legacy
 * charsets: scraped article files are UTF-8 in every source we know.
 */
import { readFile } from 'node:fs/promises';
import type { Item } from '../item.js';
import { SourceError } from '../errors.js';
import { cleanItem } from '../clean/clean-item.js';
import { detectFormat } from './article-formats/index.js';

export function parseArticle(text: string, origin: string): Item {
  const format = detectFormat(text);
  if (!format) throw new SourceError(origin, 'unrecognised', 'empty file: no article format applies');
  let raw;
  try {
    raw = format.parse(text, origin);
  } catch (error) {
    if (error instanceof SourceError) throw error;
    throw new SourceError(origin, 'parse', `${format.name}: ${(error as Error).message}`, { cause: error });
  }
  return cleanItem({ ...raw, origin, format: format.name, guid: null });
}

/** Control characters other than tab, newline, carriage return and form feed mean binary data. */
const BINARY = /[\u0000-\u0008\u000E-\u001A\u001C-\u001F]/;

export function decodeArticleBytes(bytes: Uint8Array, origin: string): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new SourceError(origin, 'encoding', 'not valid UTF-8 text', { cause });
  }
  if (BINARY.test(text.slice(0, 8192))) throw new SourceError(origin, 'encoding', 'binary file, not an article');
  return text.replace(/^\uFEFF/, '');
}

export async function readArticleFile(path: string, origin: string): Promise<Item> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    throw new SourceError(origin, 'io', `cannot read file: ${(cause as NodeJS.ErrnoException).code ?? (cause as Error).message}`, { cause });
  }
  return parseArticle(decodeArticleBytes(bytes, origin), origin);
}
