/**
 * The stylesheet inlined into the HTML reports (html-report.ts, diff-html.ts). It avoids
 * `//` and any URL, so the page references nothing outside itself (issue 6); the page
 * script is html-client.ts.
 */

/** Light and dark themes follow the OS (`prefers-color-scheme`). */
export const HTML_STYLE = `
:root { --bg: #fff; --fg: #1f2328; --muted: #656d76; --line: #d0d7de; --row: #f6f8fa;
  --link: #0969da; --bar: #cf222e; --bar-bg: #ffebe9;
  --kw: #8250df; --str: #0a3069; --num: #0550ae; color-scheme: light dark; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #8d96a0; --line: #30363d; --row: #161b22;
    --link: #4493f8; --bar: #f85149; --bar-bg: #3d1d20;
    --kw: #d2a8ff; --str: #a5d6ff; --num: #79c0ff; }
}
body { margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem 4rem; background: var(--bg); color: var(--fg);
  font: 14px/1.45 system-ui, sans-serif; }
h1 { font-size: 1.4rem; margin: .5rem 0; } h2 { font-size: 1.1rem; margin: 2rem 0 .5rem; word-break: break-all; }
a { color: var(--link); text-decoration: none; } a:hover { text-decoration: underline; }
.meta, .muted { color: var(--muted); }
table { border-collapse: collapse; width: 100%; }
th, td { padding: 1px 8px; text-align: left; white-space: nowrap; }
th { position: sticky; top: 0; background: var(--bg); border-bottom: 1px solid var(--line); }
tbody tr:nth-child(even) { background: var(--row); }
.num { text-align: right; font-variant-numeric: tabular-nums; }
.index td.file { white-space: normal; word-break: break-all; }
details.fn { border: 1px solid var(--line); border-radius: 6px; margin: .4rem 0; }
details.fn > summary { cursor: pointer; padding: .35rem .6rem; }
details.fn[open] > summary { border-bottom: 1px solid var(--line); }
.fn .name { font-weight: 600; font-family: ui-monospace, monospace; }
.listing { overflow-x: auto; }
.listing table { font: 12px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; }
.listing td.src { white-space: pre; width: 100%; }
.listing tr.hot td.ln { color: var(--bar); font-weight: 700; }
.bar div { width: 90px; overflow: hidden; background: var(--bar-bg); display: inline-block; vertical-align: middle; }
.bar span { display: block; height: 10px; background: var(--bar); min-width: 1px; }
.bar .over { margin-left: 4px; color: var(--bar); font-weight: 700; }
.src .k { color: var(--kw); } .src .s { color: var(--str); } .src .n { color: var(--num); } .src .c { color: var(--muted); font-style: italic; }
`;
