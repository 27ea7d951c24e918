/**
 * The stylesheet and script inlined into the HTML report (html-report.ts). Both avoid
 * `//` and any URL, so the page references nothing outside itself (issue 6).
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
.bar div { width: 90px; } .bar span { display: block; height: 10px; background: var(--bar); min-width: 1px; }
.bar div { background: var(--bar-bg); }
.src .k { color: var(--kw); } .src .s { color: var(--str); } .src .n { color: var(--num); } .src .c { color: var(--muted); font-style: italic; }
`;

/**
 * Renders each function's listing when it is first opened (from the index, a link or
 * its summary), from the embedded JSON: the page stays light with hundreds of
 * functions. A listing of thousands of lines shows its first rows at once and adds the
 * rest in chunks, so the page never freezes.
 */
export const HTML_SCRIPT = `
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('linecount-data').textContent);
  var scale = data.resultsUnit / data.displayUnit;
  var ESC = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
  function esc(text) { return String(text).replace(/[&<>"]/g, function (c) { return ESC[c]; }); }
  var KEYWORDS = {};
  ('abstract as async await break case catch class const continue debugger declare default delete do else enum ' +
    'export extends false finally for from function get if implements import in instanceof interface let new null ' +
    'of private protected public readonly return satisfies set static super switch this throw true try type typeof ' +
    'undefined var void while with yield').split(' ').forEach(function (word) { KEYWORDS[word] = true; });
  var TOKEN = /(\\/\\*[^]*?(?:\\*\\/|$)|\\/\\/.*|"(?:\\\\.|[^"\\\\])*"?|'(?:\\\\.|[^'\\\\])*'?|\`(?:\\\\.|[^\`\\\\])*\`?)|\\b(\\d[\\w.]*)|([A-Za-z_$][\\w$]*)/g;
  function span(kind, text) { return '<span class="' + kind + '">' + esc(text) + '</span>'; }
  function highlight(text, state) {
    var html = '';
    var at = 0;
    if (state.comment) {
      var end = text.indexOf('*/');
      if (end < 0) return span('c', text);
      state.comment = false;
      html = span('c', text.slice(0, end + 2));
      at = end + 2;
    }
    TOKEN.lastIndex = at;
    for (var match = TOKEN.exec(text); match; match = TOKEN.exec(text)) {
      var token = match[0];
      html += esc(text.slice(at, match.index));
      if (match[1]) {
        var comment = token.charAt(0) === '/';
        if (token.slice(0, 2) === '/*' && (token.length < 4 || token.slice(-2) !== '*/')) state.comment = true;
        html += span(comment ? 'c' : 's', token);
      } else if (match[2]) html += span('n', token);
      else html += Object.prototype.hasOwnProperty.call(KEYWORDS, token) ? span('k', token) : esc(token);
      at = TOKEN.lastIndex;
    }
    return html + esc(text.slice(at));
  }
  function time(value) { var fixed = value.toFixed(1); return fixed.length > 12 ? value.toPrecision(3) : fixed; }
  var sample = data.sample;
  function sampleCells(stat) {
    if (!sample) return '';
    if (stat[2] >= stat[0]) return '<td class="num samples">' + stat[2] + '</td><td class="num rse"></td>';
    var rse = stat[1] > 0 ? (100 * Math.sqrt(stat[3])) / stat[1] : 0;
    var few = stat[2] - sample.exactHits < sample.minWindows;
    return '<td class="num samples' + (few ? ' few" title="few samples' : '') + '">' + stat[2] + (few ? ' *' : '') +
      '</td><td class="num rse">' + rse.toFixed(1) + '%</td>';
  }
  function rowsOf(fn) {
    var stats = {};
    fn.lines.forEach(function (row) {
      var stat = stats[row[0]] || (stats[row[0]] = [0, 0, 0, 0]);
      stat[0] += row[1]; stat[1] += row[2];
      stat[2] += row.length > 3 ? row[3] : row[1]; stat[3] += row.length > 4 ? row[4] : 0;
    });
    var state = { comment: false };
    var rows = [];
    var empty = sample ? '<td></td><td></td>' : '';
    for (var line = fn.first; line <= fn.last; line++) {
      var stat = stats[line];
      var text = fn.source ? fn.source[line - fn.first] : '';
      var ran = stat && (stat[0] > 0 || stat[1] > 0);
      var share = ran && fn.totalTime > 0 ? stat[1] / fn.totalTime : 0;
      rows.push('<tr data-line="' + line + '"' + (share >= 0.2 ? ' class="hot"' : '') + '><td class="num ln">' + line + '</td>' +
        (ran ? '<td class="num">' + stat[0] + '</td><td class="num">' + time(stat[1] * scale) + '</td><td class="num">' +
          (stat[0] > 0 ? time((stat[1] * scale) / stat[0]) : '') + '</td><td class="num">' +
          (fn.totalTime > 0 ? (100 * share).toFixed(1) : '') + '</td>' + sampleCells(stat) + '<td class="bar"><div><span style="width:' +
          (100 * share).toFixed(1) + '%"></span></div></td>'
          : '<td></td><td></td><td></td><td></td>' + empty + '<td class="bar"></td>') +
        '<td class="src">' + highlight(text, state) + '</td></tr>');
    }
    return rows;
  }
  var FIRST_ROWS = 300;
  var CHUNK_ROWS = 1000;
  function render(details) {
    if (details.getAttribute('data-rendered')) return;
    details.setAttribute('data-rendered', '1');
    var fn = data.functions[Number(details.getAttribute('data-fn'))];
    var rows = rowsOf(fn);
    var listing = details.querySelector('.listing');
    listing.innerHTML = (fn.source ? '' : '<p class="muted">Could not find file ' + esc(fn.file) + '</p>') +
      '<table><thead><tr><th class="num">Line #</th><th class="num">Hits</th><th class="num">Time</th>' +
      '<th class="num">Per Hit</th><th class="num">% Time</th>' +
      (sample ? '<th class="num" title="executions timed">Samples</th><th class="num" title="relative standard error of the time">RSE</th>' : '') +
      '<th class="bar">Heat</th><th>Line Contents</th></tr></thead><tbody>' +
      rows.slice(0, FIRST_ROWS).join('') + '</tbody></table>';
    var body = listing.querySelector('tbody');
    function more(from) {
      if (from >= rows.length) { details.setAttribute('data-complete', '1'); return; }
      body.insertAdjacentHTML('beforeend', rows.slice(from, from + CHUNK_ROWS).join(''));
      setTimeout(function () { more(from + CHUNK_ROWS); }, 0);
    }
    more(FIRST_ROWS);
  }
  document.addEventListener('toggle', function (event) {
    if (event.target.open) render(event.target);
  }, true);
  function openFromHash() {
    var target = location.hash && document.getElementById(location.hash.slice(1));
    if (!target || target.tagName !== 'DETAILS') return;
    target.open = true;
    render(target);
    target.scrollIntoView();
  }
  document.addEventListener('click', function (event) {
    var link = event.target.closest && event.target.closest('a[href^="#f-"]');
    var target = link && document.getElementById(link.getAttribute('href').slice(1));
    if (target) { target.open = true; render(target); }
  });
  window.addEventListener('hashchange', openFromHash);
  openFromHash();
})();
`;
