import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/errors.js';
import {
  addSource,
  bundledSeedsDir,
  formatEvery,
  newSourceRecord,
  parseEvery,
  removeSource,
} from '../../src/sources/source-records.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'feedfold-sources-'));
  await writeFile(join(dir, 'article.md'), '# hi');
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const now = new Date('2022-01-07T10:00:00Z');

describe('source records', () => {
  it('parses and formats poll intervals', () => {
    expect(parseEvery('30m')).toBe(1800);
    expect(parseEvery('2h')).toBe(7200);
    expect(parseEvery('1d')).toBe(86_400);
    expect(parseEvery('90')).toBe(90);
    expect(() => parseEvery('10s')).toThrow(/at least 1m/);
    expect(() => parseEvery('often')).toThrow(ConfigError);
    expect(formatEvery(1800)).toBe('30m');
    expect(formatEvery(7200)).toBe('2h');
  });

  it('makes a feed source from a URL with a stable id', () => {
    const record = newSourceRecord('https://www.voachinese.com/api/feed', { name: 'VOA', every: 3600 }, now);
    expect(record).toMatchObject({ kind: 'feed', location: 'https://www.voachinese.com/api/feed', name: 'VOA', every: 3600, addedAt: now.toISOString(), state: {} });
    expect(newSourceRecord('https://www.voachinese.com/api/feed').id).toBe(record.id);
  });

  it('makes a folder source from an existing folder, resolved to an absolute path', () => {
    const record = newSourceRecord('.', { cwd: dir });
    expect(record.kind).toBe('folder');
    expect(record.location).toBe(dir);
  });

  it('rejects what is neither a URL nor a folder, with a message saying so', () => {
    expect(() => newSourceRecord('htps//typo.example/feed', { cwd: dir })).toThrow(/neither an http\(s\) URL nor an existing folder/);
    expect(() => newSourceRecord('article.md', { cwd: dir })).toThrow(/is a file/);
    expect(() => newSourceRecord('ftp://example.com/feed')).toThrow(/only http and https/);
  });

  it('refuses a duplicate and removes by id or location', () => {
    const a = newSourceRecord('https://a.example/feed');
    const b = newSourceRecord('https://b.example/feed');
    const list = addSource(addSource([], a), b);
    expect(() => addSource(list, newSourceRecord('https://a.example/feed'))).toThrow(/already a source/);
    expect(removeSource(list, a.id).sources).toEqual([b]);
    expect(removeSource(list, 'https://b.example/feed').removed).toBe(b);
    expect(() => removeSource(list, 's_nothere')).toThrow(/no source "s_nothere"/);
  });

  it('finds the bundled seeds folder', () => {
    expect(bundledSeedsDir()).toBe(join(import.meta.dirname, '../../seeds'));
  });
});
