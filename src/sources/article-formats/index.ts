/**
 * The article-file formats, tried in this order: specific layouts first (each
 * recognises its scraper's fixed header or footer), the generic reader last.
 * Adding a scraper format means adding one module and one line here.
 */
import type { ArticleFormat } from './article-format.js';
import { epochTimesMirror } from './epoch-times-mirror.js';
import { feedxMarkdown } from './feedx-markdown.js';
import { generic } from './generic.js';
import { gnewsMarkdown } from './gnews-markdown.js';
import { hexoFrontMatter } from './hexo-front-matter.js';

export type { ArticleFormat, RawArticle } from './article-format.js';

export const articleFormats: readonly ArticleFormat[] = [epochTimesMirror, gnewsMarkdown, feedxMarkdown, hexoFrontMatter, generic];

/** The first format whose detector accepts the text, or null. */
export function detectFormat(text: string): ArticleFormat | null {
  return articleFormats.find((format) => format.detect(text)) ?? null;
}
