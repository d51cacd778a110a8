import { describe, expect, it } from 'vitest';
import { contentHashOf, itemIdFor, itemKeyFor } from '../../src/sources/item-id.js';

describe('item ids', () => {
  it('prefers the GUID, then the URL, then the local key', () => {
    expect(itemKeyFor('tag:x,2022:1', 'https://e.org/a', 'file:a.md', 'https://e.org/feed')).toBe('guid:https://e.org/feed#tag:x,2022:1');
    expect(itemKeyFor(null, 'https://e.org/a', 'file:a.md', 'a.md')).toBe('https://e.org/a');
    expect(itemKeyFor('  ', null, 'file:a.md', 'a.md')).toBe('file:a.md');
    // The same GUID in two feeds is two items: a feed cannot take over another feed's item.
    expect(itemKeyFor('1', null, 'x', 'https://a.example/feed')).not.toBe(itemKeyFor('1', null, 'x', 'https://b.example/feed'));
  });

  it('is it_ plus the first 16 hex digits of sha256 of the key', () => {
    // Computed independently: `printf 'file:a.md' | sha256sum` = 9034d5bdd87a9e06…
    expect(itemIdFor('file:a.md')).toBe('it_9034d5bdd87a9e06');
    expect(itemIdFor('file:a.md')).not.toBe(itemIdFor('file:b.md'));
  });

  it('hashes title and text together', () => {
    expect(contentHashOf('T', 'body')).toMatch(/^[0-9a-f]{64}$/);
    expect(contentHashOf('T', 'body')).not.toBe(contentHashOf('T', 'body!'));
  });
});
