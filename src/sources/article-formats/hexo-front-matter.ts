/**
 * Hexo posts written by RSSHub-to-Hexo pipelines (Rock-Candy-Tea/RSSHUB-PAGE;
 * seeds 001 and 003): YAML front matter with title, categories, headimg,
 * author and an RFC 822 date, then an HTML body. These files carry no link to
 * the original article, so `url` stays null.
 *
 * The outlet comes from the author or the categories (the feed's name, e.g.
 * "Aljazeera 半岛网"); the generic front-matter layout without those fields
 * is left to the generic reader.
 */
import { SourceError } from '../../errors.js';
import { formatIso, parseDate } from '../../clean/dates.js';
import { isOutletName, outletForUrl, resolveOutlet } from '../../clean/outlets.js';
import { listField, splitFrontMatter, stringField } from '../front-matter.js';
import { renderMarkdown } from '../markdown.js';
import type { ArticleFormat, RawArticle } from './article-format.js';

/** RSSHub category trees start with its own section names; they are not topics. */
const PIPELINE_CATEGORIES = new Set(['新媒体', '传统媒体', '新闻', '社交媒体']);

export const hexoFrontMatter: ArticleFormat = {
  name: 'hexo-front-matter',

  detect(text) {
    const head = /^\s*---[ \t]*\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1];
    if (!head) return false;
    return /^title:/m.test(head) && /^(categories|headimg|thumbnail|comments):/m.test(head) && /^date:/m.test(head);
  },

  parse(text, origin): RawArticle {
    const front = splitFrontMatter(text, origin);
    if (!front) throw new SourceError(origin, 'parse', 'front matter block is missing or is not a mapping');
    const { data, body } = front;
    const title = stringField(data, 'title');
    if (!title) throw new SourceError(origin, 'parse', 'front matter has no title');
    const url = stringField(data, 'link') ?? stringField(data, 'url') ?? stringField(data, 'permalink');
    const author = stringField(data, 'author');
    const categories = listField(data, 'categories');
    const tags = listField(data, 'tags');
    const outlet = resolveOutlet([author, ...[...categories].reverse()], url);
    const zone = outlet?.zone ?? outletForUrl(url)?.zone;
    const dateValue = stringField(data, 'date');
    const date = dateValue ? parseDate(dateValue, zone) : null;
    if (dateValue && !date) throw new SourceError(origin, 'parse', `front matter date is not a date: ${dateValue}`);
    return {
      url: url && /^https?:\/\//.test(url) ? url : null,
      title,
      published: date ? formatIso(date) : null,
      // The date field is the publication date; running text of these posts is not.
      dateFromText: dateValue === null,
      author: author && !isOutletName(author) ? author : null,
      outletNames: outlet ? [outlet.name] : [],
      categories: [...categories.filter((category) => !PIPELINE_CATEGORIES.has(category) && category !== author), ...tags],
      image: stringField(data, 'headimg') ?? stringField(data, 'thumbnail') ?? stringField(data, 'image') ?? stringField(data, 'cover'),
      media: [],
      related: [],
      html: renderMarkdown(body),
      baseUrl: url,
      fetchedAt: null,
    };
  },
};
