/**
 * The `feedfold` command end to end: the built CLI (dist/) in a temporary data
 * directory, on the real seed files and the real corpus.
 */
import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Item } from '../src/item.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = join(root, 'dist/src/cli.js');
const seeds = join(root, 'seeds');
const corpus = join(root, 'test/fixtures/corpus/news-zh-2022');

let data: string;
beforeEach(async () => {
  data = await mkdtemp(join(tmpdir(), 'feedfold-cli-'));
});
afterEach(async () => {
  await rm(data, { recursive: true, force: true });
});

function feedfold(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, '--data', data, ...args], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
    env: { ...process.env, FEEDFOLD_DATA: undefined },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function items(): Item[] {
  const { code, stdout } = feedfold('items', '--json');
  expect(code).toBe(0);
  return JSON.parse(stdout) as Item[];
}

const chrome = ['返回首頁', '翻墙', '获取更多RSS', 'feedx', '免责声明', 'Terms of use', '原文链接', 'below_article_ad', '<ok', '<script', '延展阅读'];

describe('feedfold ingest seeds && feedfold items --json', () => {
  it('gives the five seed items with their titles, links, dates and outlets', () => {
    const run = feedfold('ingest', seeds);
    // A data directory without a store is said to be new, so a mistyped --data does not pass unnoticed.
    expect(run.stderr).toBe(`feedfold: created a new store at ${data}\n`);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/5 files read — 5 added, 0 updated, 0 unchanged, 0 failed; 4 events/);

    const byFile = new Map(items().map((item) => [item.origin.slice(0, 3), item]));
    expect([...byFile.keys()].sort()).toEqual(['000', '001', '002', '003', '004']);
    const expected = {
      '000': ['布林肯与俄外长通话 敦促普京撤军', 'https://www.epochtimes.com/gb/22/2/1/n13547108.htm', /^2022-02-0[12]/],
      '001': ['乌克兰：布林肯从基辅发出威胁与俄罗斯无意改变其在边境的军事部署', null, /^2022-01-20T02:24:38(\.000)?Z$/],
      '002': ['俄罗斯和美国就乌克兰和安全问题再次争吵', 'https://www.voachinese.com/a/us-Russia-talks-20220111/6393207.html', /^2022-01-12T01:43:14(\.000)?Z$/],
      '003': ['美俄会谈在日内瓦落幕与北约警告莫斯科不要入侵乌克兰', null, /^2022-01-11T02:11:30(\.000)?Z$/],
      '004': ['普京直面对手乔拜登就乌危机主动电话斡旋避免酿大错', 'https://gnews.org/zh-hans/1808313/', /^2021-12-3[01]/],
    } as const;
    for (const [file, [title, url, published]] of Object.entries(expected)) {
      const item = byFile.get(file)!;
      expect(item.title, file).toBe(title);
      expect(item.url, file).toBe(url);
      expect(item.published, file).toMatch(published);
      expect(item.published === null || !Number.isNaN(Date.parse(item.published)), file).toBe(true);
    }
    expect(byFile.get('000')!.outlet).toMatch(/大纪元|Epoch Times/);
    expect(byFile.get('001')!.outlet).toBe(byFile.get('003')!.outlet);
    expect(byFile.get('001')!.outlet).toMatch(/Al Jazeera|半岛/);
    expect(byFile.get('002')!.outlet).toMatch(/VOA|美国之音/);
    expect(byFile.get('004')!.outlet).toMatch(/GNews/);

    for (const item of byFile.values()) {
      for (const text of [item.contentHtml, item.contentText]) {
        for (const marker of chrome) expect(text, `${item.origin} contains ${marker}`).not.toContain(marker);
      }
    }
    // The last real paragraph of each body survives the chrome removal.
    expect(byFile.get('000')!.contentText).toContain('普京则表示否认');
    expect(byFile.get('001')!.contentText).toContain('4.5 亿美元的军事援助');
    expect(byFile.get('002')!.contentText).toContain('本文参考了美联社的信息');
    expect(byFile.get('003')!.contentText).toContain('并威胁要实施严厉制裁');
    expect(byFile.get('004')!.contentText).toContain('鲜血和金钱');
  });

  it('is idempotent: a second ingest of the same files adds nothing and keeps the ids', () => {
    expect(feedfold('ingest', seeds).code).toBe(0);
    const first = items().map((item) => item.id).sort();
    const again = feedfold('ingest', seeds);
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/0 added, 0 updated, 5 unchanged, 0 failed/);
    expect(items().map((item) => item.id).sort()).toEqual(first);
  });

  it('stores the good files, reports each bad one on its own line, and exits 1', async () => {
    const folder = join(data, 'in');
    await mkdir(folder);
    await copyFile(join(seeds, '002_72ee53b23b60c233.txt'), join(folder, 'voa.txt'));
    await writeFile(join(folder, 'image.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    await writeFile(join(folder, 'empty.md'), '');
    const run = feedfold('ingest', folder);
    expect(run.code).toBe(1);
    const failures = run.stderr.split('\n').filter((line) => line.startsWith('failed: '));
    expect(failures).toHaveLength(2);
    expect(failures.some((line) => line.includes('image.txt'))).toBe(true);
    expect(failures.some((line) => line.includes('empty.md'))).toBe(true);
    expect(run.stdout).toMatch(/1 added, 0 updated, 0 unchanged, 2 failed/);
    expect(items().map((item) => item.origin)).toEqual(['voa.txt']);
  });

  it('exits 1 with a clear message for a path that does not exist', () => {
    const run = feedfold('ingest', join(data, 'nowhere'));
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('nowhere');
  });
});

describe('feedfold ingest on the news-zh-2022 corpus', () => {
  it('reads all 277 files with no failure; every item has a title and an outlet', () => {
    const run = feedfold('ingest', corpus);
    expect(run.stderr).toBe(`feedfold: created a new store at ${data}\n`);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/277 files read — 277 added, 0 updated, 0 unchanged, 0 failed/);
    const all = items();
    expect(all).toHaveLength(277);
    for (const item of all) {
      expect(item.title.trim(), item.origin).not.toBe('');
      expect(item.outlet.trim(), item.origin).not.toBe('');
      for (const marker of chrome) expect(item.contentHtml, `${item.origin} contains ${marker}`).not.toContain(marker);
    }
    const origins = new Set(all.map((item) => item.origin));
    expect(origins.size).toBe(277);
  });
});
