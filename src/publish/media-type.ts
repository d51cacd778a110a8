/**
 * MIME types of images and media from their URLs. RSS requires a type on an
 * enclosure and JSON Feed on an attachment; a guess from the extension is the
 * best a feed can do without fetching, and `null` (no guess) means the
 * enclosure is left out rather than typed wrongly. Image proxies such as
 * images.weserv.nl carry the real file name in the query, so that is searched
 * when the path has no extension.
 */

const TYPES: Record<string, string> = {
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
  gif: 'image/gif',
  webp: 'image/webp',
  avif: 'image/avif',
  svg: 'image/svg+xml',
  mp4: 'video/mp4',
  m4v: 'video/mp4',
  webm: 'video/webm',
  mov: 'video/quicktime',
  m3u8: 'application/vnd.apple.mpegurl',
  mp3: 'audio/mpeg',
  m4a: 'audio/mp4',
  aac: 'audio/aac',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  opus: 'audio/ogg',
  wav: 'audio/wav',
};

const EXTENSION = /\.([a-z0-9]{2,5})$/i;

export function mediaTypeOf(url: string): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  const fromPath = typeOf(parsed.pathname);
  if (fromPath) return fromPath;
  for (const value of parsed.searchParams.values()) {
    const fromQuery = typeOf(value.split(/[?#]/)[0] ?? '');
    if (fromQuery) return fromQuery;
  }
  return null;
}

function typeOf(path: string): string | null {
  const match = EXTENSION.exec(path);
  return match ? (TYPES[match[1]!.toLowerCase()] ?? null) : null;
}
