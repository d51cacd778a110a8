import { mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Item } from '../../src/item.js';
import { StoreError } from '../../src/errors.js';
import { openLowdbStore } from '../../src/store/lowdb-store.js';

function item(id: string, overrides: Partial<Item> = {}): Item {
  return {
    id,
    origin: `${id}.txt`,
    format: 'generic',
    guid: null,
    url: `https://example.org/${id}`,
    title: `标题 ${id}`,
    published: '2022-01-11T02:11:30Z',
    author: null,
    outlet: 'Example',
    categories: ['新闻'],
    image: null,
    media: [],
    related: [],
    contentHtml: `<p>正文 ${id}</p>`,
    contentText: `正文 ${id} `.repeat(100),
    lang: 'zh-Hans',
    contentHash: `hash-${id}`,
    fetchedAt: null,
    ...overrides,
  };
}

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'feedfold-store-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('lowdb store', () => {
  it('adds, updates and leaves unchanged items, and survives a reopen', async () => {
    const store = await openLowdbStore(dir);
    const first = await store.upsertItems([item('a'), item('b')], new Date('2022-01-12T00:00:00Z'));
    expect(first).toEqual({ added: ['a', 'b'], updated: [], unchanged: [] });

    const second = await store.upsertItems([item('a'), item('b', { title: '新标题' })], new Date('2022-01-13T00:00:00Z'));
    expect(second).toEqual({ added: [], updated: ['b'], unchanged: ['a'] });

    const reopened = await openLowdbStore(dir);
    const [a, b] = await reopened.getItems(['a', 'b']);
    expect(a).toEqual(item('a'));
    expect(b?.title).toBe('新标题');
    const summaries = await reopened.listItems();
    expect(summaries.map((s) => s.id)).toEqual(['a', 'b']);
    expect(summaries[1]?.firstSeen).toBe('2022-01-12T00:00:00.000Z');
    expect(summaries[1]?.lastChanged).toBe('2022-01-13T00:00:00.000Z');
  });

  it('keeps bodies out of the main document', async () => {
    const store = await openLowdbStore(dir);
    await store.upsertItems([item('a', { contentText: '长'.repeat(5000), contentHtml: `<p>${'长'.repeat(5000)}</p>` })]);
    const document = await readFile(join(dir, 'db.json'), 'utf8');
    expect(document).not.toContain('长长');
    const [stored] = await store.getItems(['a']);
    expect(stored?.contentText).toHaveLength(5000);
  });

  it('writes nothing when a run changes nothing', async () => {
    const store = await openLowdbStore(dir);
    await store.upsertItems([item('a')]);
    const before = await readFile(join(dir, 'db.json'), 'utf8');
    await store.upsertItems([item('a')]);
    expect(await readFile(join(dir, 'db.json'), 'utf8')).toBe(before);
  });

  it('stores events as member ids and rebuilds members from items', async () => {
    const store = await openLowdbStore(dir);
    await store.upsertItems([item('a'), item('b')]);
    await store.saveEvents([
      {
        id: 'ev1',
        aliases: ['ev0'],
        title: '标题 a',
        published: '2022-01-11T02:11:30Z',
        updated: '2022-01-11T02:11:30Z',
        items: [
          { id: 'a', origin: 'x', url: null, outlet: 'x', title: 'x', published: null },
          { id: 'b', origin: 'x', url: null, outlet: 'x', title: 'x', published: null },
        ],
      },
    ]);
    const [event] = await (await openLowdbStore(dir)).listEvents();
    expect(event?.aliases).toEqual(['ev0']);
    expect(event?.items.map((m) => [m.id, m.origin, m.title])).toEqual([
      ['a', 'a.txt', '标题 a'],
      ['b', 'b.txt', '标题 b'],
    ]);
  });

  it('keeps named state files beside the document', async () => {
    const store = await openLowdbStore(dir);
    expect(await store.loadState('dedup-index')).toBeNull();
    await store.saveState('dedup-index', { terms: { 拉夫罗夫: [1, 2] } });
    expect(await (await openLowdbStore(dir)).loadState('dedup-index')).toEqual({ terms: { 拉夫罗夫: [1, 2] } });
    await expect(store.saveState('../escape', {})).rejects.toThrow(StoreError);
  });

  it('refuses to open a corrupt document, names it, and keeps a copy', async () => {
    await writeFile(join(dir, 'db.json'), '{"version":1,"items":{"a":');
    await expect(openLowdbStore(dir)).rejects.toThrow(/cannot read the store document .*db\.json/);
    const names = await readdir(dir);
    const backup = names.find((name) => name.startsWith('db.json.unreadable-'));
    expect(backup).toBeDefined();
    expect(await readFile(join(dir, backup!), 'utf8')).toBe('{"version":1,"items":{"a":');
    expect(await readFile(join(dir, 'db.json'), 'utf8')).toBe('{"version":1,"items":{"a":');
    // Every later attempt names the same copy instead of making another.
    await expect(openLowdbStore(dir)).rejects.toThrow(backup!);
    expect((await readdir(dir)).filter((name) => name.startsWith('db.json.unreadable-'))).toEqual([backup]);
  });

  it('says when it makes a new data directory, and refuses a file as one', async () => {
    const made: string[] = [];
    const fresh = join(dir, 'typo');
    await openLowdbStore(fresh, { onCreate: () => made.push(fresh) });
    await openLowdbStore(fresh, { onCreate: () => made.push(fresh) });
    expect(made).toEqual([fresh]);
    await writeFile(join(dir, 'a-file'), 'x');
    await expect(openLowdbStore(join(dir, 'a-file'))).rejects.toThrow(/cannot use .*a-file as the data directory: it is a file, not a folder/);
  });

  it('removes a stale temp file left by a crash mid-write, but not one being written now', async () => {
    const store = await openLowdbStore(dir);
    await store.upsertItems([item('a')]);
    await writeFile(join(dir, '.db.json.tmp'), '{"partial":');
    await openLowdbStore(dir);
    expect(await readdir(dir)).toContain('.db.json.tmp');
    const twoMinutesAgo = new Date(Date.now() - 120_000);
    await utimes(join(dir, '.db.json.tmp'), twoMinutesAgo, twoMinutesAgo);
    const reopened = await openLowdbStore(dir);
    expect(await readdir(dir)).not.toContain('.db.json.tmp');
    expect((await reopened.listItems()).map((s) => s.id)).toEqual(['a']);
  });

  it('prunes events whose items were last seen before the cutoff, with their bodies', async () => {
    const store = await openLowdbStore(dir);
    await store.upsertItems([item('old')], new Date('2022-01-01T00:00:00Z'));
    await store.upsertItems([item('new')], new Date('2022-06-01T00:00:00Z'));
    const members = (id: string) => [{ id, origin: '', url: null, outlet: '', title: '', published: null }];
    await store.saveEvents([
      { id: 'e-old', aliases: [], title: 'old', published: null, updated: null, items: members('old') },
      { id: 'e-new', aliases: [], title: 'new', published: null, updated: null, items: members('new') },
    ]);
    expect(await store.prune(new Date('2022-03-01T00:00:00Z'))).toEqual(['old']);
    expect((await store.listEvents()).map((e) => e.id)).toEqual(['e-new']);
    expect((await store.listItems()).map((s) => s.id)).toEqual(['new']);
    const blobs = (await readdir(join(dir, 'content'), { recursive: true })).filter((n) => n.endsWith('.json'));
    expect(blobs).toHaveLength(1);
  });

  it('writes a batch once: items, sources and events together, or nothing before the batch ends', async () => {
    const store = await openLowdbStore(dir);
    const members = [{ id: 'a', origin: '', url: null, outlet: '', title: '', published: null }];
    let seenInside = '';
    await store.batch(async () => {
      await store.upsertItems([item('a')]);
      await store.saveEvents([{ id: 'e', aliases: [], title: 'a', published: null, updated: null, items: members }]);
      seenInside = await readFile(join(dir, 'db.json'), 'utf8').catch(() => 'no document yet');
    });
    expect(seenInside).toBe('no document yet');
    const document = JSON.parse(await readFile(join(dir, 'db.json'), 'utf8'));
    expect(Object.keys(document.items)).toEqual(['a']);
    expect(document.events.map((event: { id: string }) => event.id)).toEqual(['e']);
    expect(document.revision).toBe(1);
  });

  it('still writes what a failed batch stored before it failed', async () => {
    const store = await openLowdbStore(dir);
    await expect(
      store.batch(async () => {
        await store.upsertItems([item('a')]);
        throw new Error('dedup failed');
      }),
    ).rejects.toThrow('dedup failed');
    expect((await (await openLowdbStore(dir)).listItems()).map((s) => s.id)).toEqual(['a']);
  });
});
