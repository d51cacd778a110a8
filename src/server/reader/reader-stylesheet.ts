/**
 * The reader's one stylesheet, served by feedfold at /reader/reader.css (no
 * CDN, no web fonts): system font stacks that fall back to the system's CJK
 * fonts, a line height CJK text needs, light and dark colours following the
 * system, a single column on phones, visible focus, and a print style that
 * keeps the article and its sources and drops the controls.
 *
 * Kept as a string in a module so the build ships it with the code.
 */
export const READER_CSS = String.raw`
:root {
  --bg: #fbfaf8; --fg: #1d1d1f; --muted: #55585e; --line: #d9d6d0; --card: #ffffff;
  --accent: #0b57d0; --accent-fg: #ffffff; --unread: #0b57d0; --mark: #fff2a8; --danger: #b3261e;
  --focus: #e8710a;
  --sans: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif;
  --serif: Georgia, "Times New Roman", "Songti SC", "Noto Serif CJK SC", "Source Han Serif SC", SimSun, serif;
  color-scheme: light dark;
}
@media (prefers-color-scheme: dark) {
  :root {
    --bg: #16171a; --fg: #e8e6e3; --muted: #a9adb4; --line: #3a3c41; --card: #1f2024;
    --accent: #8ab4f8; --accent-fg: #0b1a33; --unread: #8ab4f8; --mark: #5c4d00; --danger: #f2b8b5; --focus: #fdd663;
  }
}
*, *::before, *::after { box-sizing: border-box; }
[hidden] { display: none !important; }
html { -webkit-text-size-adjust: 100%; text-size-adjust: 100%; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 1rem/1.8 var(--sans); overflow-wrap: anywhere; }
:lang(zh), :lang(ja) { line-height: 1.8; letter-spacing: 0.02em; }
a { color: var(--accent); text-underline-offset: 0.15em; }
:focus-visible { outline: 3px solid var(--focus); outline-offset: 2px; border-radius: 2px; }
main:focus { outline: none; }
img, video, audio { max-width: 100%; height: auto; }
code, kbd { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 0.9em; }
kbd { border: 1px solid var(--line); border-bottom-width: 2px; border-radius: 4px; padding: 0 0.35em; background: var(--card); }
mark { background: var(--mark); color: inherit; padding: 0 0.15em; }
.visually-hidden { position: absolute !important; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
.skip-link { position: absolute; left: 0.5rem; top: -3rem; background: var(--accent); color: var(--accent-fg); padding: 0.5rem 1rem; z-index: 10; }
.skip-link:focus { top: 0.5rem; }

.site-header { display: flex; flex-wrap: wrap; align-items: center; gap: 0.5rem 1.25rem; padding: 0.6rem max(1rem, calc((100% - 60rem) / 2 + 1rem)); border-bottom: 1px solid var(--line); background: var(--card); }
.brand { font-weight: 700; font-size: 1.15rem; color: var(--fg); text-decoration: none; letter-spacing: 0.01em; }
.site-nav { display: flex; flex-wrap: wrap; gap: 0.25rem 0.9rem; font-size: 0.95rem; }
.site-nav a { color: var(--muted); text-decoration: none; padding: 0.2rem 0; }
.site-nav a:hover, .site-nav a[aria-current="page"] { color: var(--fg); text-decoration: underline; }
.search { display: flex; gap: 0.4rem; margin-left: auto; flex: 1 1 16rem; max-width: 24rem; }
input, select, button { font: inherit; color: inherit; }
input, select { background: var(--bg); border: 1px solid var(--muted); border-radius: 6px; padding: 0.3rem 0.55rem; min-height: 2.25rem; }
.search input { flex: 1; min-width: 0; }
button { background: var(--accent); color: var(--accent-fg); border: 1px solid var(--accent); border-radius: 6px; padding: 0.3rem 0.8rem; min-height: 2.25rem; cursor: pointer; }
button.danger { background: transparent; color: var(--danger); border-color: var(--danger); }
.mark-forms button { background: transparent; color: var(--muted); border-color: var(--line); font-size: 0.8rem; padding: 0 0.6rem; min-height: 1.9rem; }
.mark-forms button:hover { color: var(--accent); border-color: var(--accent); }

main { max-width: 60rem; margin: 0 auto; padding: 1rem; }
.page-title { font-size: 1.5rem; line-height: 1.4; margin: 0.5rem 0 1rem; }
.filters { display: flex; flex-wrap: wrap; align-items: flex-end; gap: 0.5rem 1rem; margin-bottom: 0.75rem; }
.filters .field { display: flex; flex-direction: column; font-size: 0.85rem; color: var(--muted); }
.filters select { color: var(--fg); max-width: 16rem; }
.filters .clear { align-self: center; }
.result-count { color: var(--muted); font-size: 0.9rem; margin: 0 0 0.5rem; }
.empty { padding: 2rem 0; color: var(--muted); }

.timeline { list-style: none; margin: 0; padding: 0; }
.event-card { display: flex; gap: 1rem; padding: 0.9rem 0.75rem; border-bottom: 1px solid var(--line); border-left: 4px solid transparent; }
.event-card.is-unread { border-left-color: var(--unread); background: var(--card); }
.event-card.is-current { outline: 2px solid var(--focus); outline-offset: -2px; }
.event-card .thumb { flex: 0 0 112px; width: 112px; height: 75px; object-fit: cover; border-radius: 6px; background: var(--line); order: 2; }
.event-card .thumb.is-broken { display: none; }
.card-body { flex: 1; min-width: 0; }
.event-title { font-size: 1.125rem; line-height: 1.5; margin: 0 0 0.25rem; }
.event-title a { color: var(--fg); text-decoration: none; }
.event-title a:hover { text-decoration: underline; }
.is-unread .event-title { font-weight: 700; }
.is-read .event-title { font-weight: 500; }
.is-read .event-title a { color: var(--muted); }
.meta { display: flex; flex-wrap: wrap; gap: 0.15rem 0.6rem; font-size: 0.85rem; color: var(--muted); margin: 0 0 0.25rem; line-height: 1.6; }
.badge { display: inline-block; font-size: 0.75rem; font-weight: 600; border: 1px solid currentColor; border-radius: 999px; padding: 0 0.5rem; line-height: 1.5; }
.unread-badge { color: var(--unread); }
.star-badge { color: #9a6700; }
@media (prefers-color-scheme: dark) { .star-badge { color: #f0c04a; } }
.summary { margin: 0.15rem 0 0.35rem; color: var(--fg); display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 3; line-clamp: 3; overflow: hidden; }
.mark-forms { display: flex; gap: 0.5rem; flex-wrap: wrap; }
.mark-forms form { margin: 0; }
.mark-all { margin: 1rem 0; }
.pagination { display: flex; justify-content: space-between; margin: 1.25rem 0; font-weight: 600; }
.pagination a[rel="next"] { margin-left: auto; }

.event-page h1 { font-size: 1.75rem; line-height: 1.45; margin: 0.25rem 0 0.5rem; }
.event-page h2 { font-size: 1.2rem; line-height: 1.5; margin: 1.75rem 0 0.6rem; padding-bottom: 0.25rem; border-bottom: 1px solid var(--line); }
.back { margin: 0; font-size: 0.9rem; }
.source-list { list-style: none; padding: 0; margin: 0; display: grid; grid-template-columns: repeat(auto-fill, minmax(17rem, 1fr)); gap: 0.75rem; }
.source { display: flex; flex-direction: column; gap: 0.2rem; padding: 0.75rem; background: var(--card); border: 1px solid var(--line); border-radius: 8px; }
.source-outlet { font-weight: 700; font-size: 0.9rem; }
.source-title { line-height: 1.6; }
.source-date, .byline { font-size: 0.85rem; color: var(--muted); }
.read-here { font-size: 0.85rem; margin-top: auto; }
.source .badge { align-self: flex-start; margin-top: auto; }
.article-body { font-size: 1.0625rem; line-height: 1.85; max-width: 42rem; }
.article-body p { margin: 0 0 1em; }
.article-body figure { margin: 1rem 0; }
.article-body figcaption { font-size: 0.85rem; color: var(--muted); }
.article-body blockquote { margin: 1rem 0; padding-left: 1rem; border-left: 3px solid var(--line); color: var(--muted); }
.article-body table { border-collapse: collapse; display: block; overflow-x: auto; }
.article-body pre { overflow-x: auto; }
.version { border: 1px solid var(--line); border-radius: 8px; padding: 0.5rem 0.75rem; margin-bottom: 0.6rem; background: var(--card); }
.version summary { cursor: pointer; line-height: 1.6; }
.version[open] summary { margin-bottom: 0.5rem; }
.reason-list { padding-left: 1.2rem; }
.reason p { margin: 0.25rem 0; }
.reason ul { margin: 0 0 0.75rem; padding-left: 1.2rem; color: var(--muted); font-size: 0.95rem; }

.source-table { list-style: none; padding: 0; margin: 0; display: grid; gap: 0.75rem; }
.source-row { background: var(--card); border: 1px solid var(--line); border-left: 4px solid var(--line); border-radius: 8px; padding: 0.75rem 1rem; }
.source-row.status-ok, .source-row.status-not-modified { border-left-color: #1e8e3e; }
.source-row.status-error { border-left-color: var(--danger); }
.source-name { font-size: 1.05rem; margin: 0 0 0.4rem; overflow-wrap: anywhere; }
.source-facts { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0.2rem 1rem; margin: 0 0 0.5rem; font-size: 0.9rem; }
.source-facts dt { color: var(--muted); font-size: 0.8rem; }
.source-facts dd { margin: 0; }
.source-facts .error dd { color: var(--danger); }
.stacked-form { display: grid; gap: 0.75rem; max-width: 32rem; }
.stacked-form .field { display: flex; flex-direction: column; gap: 0.2rem; }
.stacked-form small { color: var(--muted); }
.stacked-form button { justify-self: start; }
.notice { padding: 0.6rem 0.9rem; border-radius: 6px; border: 1px solid var(--line); }
.notice-error { border-color: var(--danger); color: var(--danger); }

.site-footer { max-width: 60rem; margin: 2rem auto 0; padding: 1rem; border-top: 1px solid var(--line); color: var(--muted); font-size: 0.9rem; }
.shortcuts { display: grid; grid-template-columns: repeat(auto-fill, minmax(14rem, 1fr)); gap: 0.25rem 1rem; margin: 0.5rem 0; }
.shortcuts div { display: flex; gap: 0.5rem; }
.shortcuts dt { min-width: 6.5rem; }
.shortcuts dd { margin: 0; }

@media (max-width: 40rem) {
  .site-header { padding: 0.5rem 0.75rem; }
  .search { max-width: none; margin-left: 0; flex-basis: 100%; }
  main { padding: 0.75rem; }
  .event-card { padding: 0.75rem 0.5rem; gap: 0.6rem; }
  .event-card .thumb { flex-basis: 72px; width: 72px; height: 54px; }
  .event-title { font-size: 1.05rem; }
  .event-page h1 { font-size: 1.4rem; }
  .source-list { grid-template-columns: 1fr; }
  .filters select { max-width: 100%; }
}

@media print {
  :root { --bg: #fff; --fg: #000; --muted: #333; --card: #fff; --line: #999; }
  .site-header, .site-footer, .filters, .mark-forms, .mark-all, .pagination, .search, .read-here, .back, .skip-link, .remove-form, .add-source, .access-note { display: none !important; }
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; }
  .article-body a[href^="http"]::after, .source-title a::after { content: " <" attr(href) ">"; font-size: 0.8em; color: #333; overflow-wrap: anywhere; }
  .version { break-inside: avoid; }
  .version > *:not(summary) { display: block; }
  .event-card, .source { break-inside: avoid; border-color: #999; }
}
`;
