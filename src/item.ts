/**
 * The item: one article from one source, cleaned. This is the record that the
 * sources/clean stages hand to dedup, store and publish. It is plain data
 * (JSON-serialisable) so that every stage can be tested without the others.
 */

/** A media attachment of an article: a video, an audio file, a podcast enclosure. */
export interface Media {
  url: string;
  /** MIME type when known (`video/mp4`), else null. */
  type: string | null;
  /** Poster/thumbnail image for a video, when the document gives one. */
  poster: string | null;
  /** Caption or title of the media, when the document gives one. */
  title: string | null;
  /** Size in bytes when the document gives one (RSS enclosure length). */
  length: number | null;
}

/** A link the article points readers to, kept out of the body ("延展阅读", "related reading"). */
export interface RelatedLink {
  url: string;
  title: string;
}

export interface Item {
  /** Stable id: the same document ingested again gets the same id. */
  id: string;
  /** Path of the file relative to the folder given to ingest (or the file name); the feed URL for feed items. */
  origin: string;
  /** Which reader produced it: a detector name (`epoch-times-mirror`, `hexo-front-matter`, …) or `rss`, `atom`, `json-feed`. */
  format: string;
  /** The feed's GUID / JSON Feed id, when the item came from a feed. */
  guid: string | null;
  /** The article's canonical link, absolute, or null when the document has none. */
  url: string | null;
  title: string;
  /** ISO 8601 with `Z` or an offset, or null when the document truly has none. */
  published: string | null;
  author: string | null;
  /** Human name of the publisher, written the same way for the same outlet. */
  outlet: string;
  categories: string[];
  /** Lead image, absolute URL, or null. */
  image: string | null;
  media: Media[];
  related: RelatedLink[];
  /** Cleaned, sanitised HTML body. */
  contentHtml: string;
  /** Plain text of the body, paragraphs separated by blank lines. */
  contentText: string;
  /** BCP 47 language tag (`zh-Hans`, `zh-Hant`, `en`, `ja`). */
  lang: string;
  /** sha256 (hex) of the cleaned title + text: level-1 identity for dedup. */
  contentHash: string;
  /** When feedfold (or the scraper, when it recorded it) fetched the document; ISO 8601. */
  fetchedAt: string | null;
}

/**
 * What the store keeps per item without its body (the body lives in a
 * content-addressed blob): metadata only, so that listing 50k items stays cheap.
 */
export type ItemSummary = Omit<Item, 'contentHtml' | 'contentText'> & {
  /** Key of the blob holding `{ contentHtml, contentText }`. */
  contentKey: string;
  /** When the item was first stored, ISO 8601. */
  firstSeen: string;
  /** When the stored record last changed, ISO 8601. */
  lastChanged: string;
};
