import { copyFile, mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshFolderSource } from '../../src/sources/folder-source.js';
import { newSourceRecord } from '../../src/sources/source-records.js';
import type { SourceRecord } from '../../src/store/store.js';

const seeds = join(import.meta.dirname, '../../seeds');
let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'feedfold-folder-'));
  await copyFile(join(seeds, '000_481a4a5cf64b5119.txt'), join(dir, 'a.txt'));
  await copyFile(join(seeds, '002_72ee53b23b60c233.txt'), join(dir, 'b.txt'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('refreshFolderSource', () => {
  it('reads new files, skips unchanged ones, and re-reads only files whose bytes changed', async () => {
    let record: SourceRecord = newSourceRecord(dir);
    const first = await refreshFolderSource(record);
    expect(first.failed).toEqual([]);
    expect(first.read).toBe(2);
    expect(first.items).toHaveLength(2);
    record = { ...record, state: { files: first.files } };

    const second = await refreshFolderSource(record);
    expect(second).toMatchObject({ read: 0, unchanged: 2, items: [] });

    // Touched but identical: the hash says unchanged, nothing is parsed.
    const later = new Date('2030-01-01T00:00:00Z');
    await utimes(join(dir, 'a.txt'), later, later);
    const touched = await refreshFolderSource({ ...record, state: { files: second.files } });
    expect(touched).toMatchObject({ read: 0, unchanged: 2 });
    expect(touched.files['a.txt']!.mtimeMs).toBe(later.getTime());

    // New bytes: only that file is read again; a new file is picked up.
    await writeFile(join(dir, 'b.txt'), (await readFile(join(dir, 'b.txt'), 'utf8')) + '\n');
    await copyFile(join(seeds, '004_d748690ec3cdfd2e.txt'), join(dir, 'c.txt'));
    const third = await refreshFolderSource({ ...record, state: { files: touched.files } });
    expect(third).toMatchObject({ read: 2, unchanged: 1 });
    expect(third.items.map((i) => i.origin).sort()).toEqual(['b.txt', 'c.txt']);
  });

  it('reports a file it cannot read and leaves it without a fingerprint so it is tried again', async () => {
    await writeFile(join(dir, 'broken.xml'), '<rss version="2.0"><channel><title>x</title><item><title>t</title><description><![CDATA[cut');
    const result = await refreshFolderSource(newSourceRecord(dir));
    expect(result.failed.map((f) => f.origin)).toEqual(['broken.xml']);
    expect(result.failed[0]!.reason).toMatch(/broken\.xml/);
    expect(result.files['broken.xml']).toBeUndefined();
    await rm(join(dir, 'broken.xml'));
  });
});
