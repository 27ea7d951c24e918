/// <reference lib="dom" />
/// <reference lib="dom.iterable" />
import { renderListing, type HtmlData, type ListingHtml } from './html-listing.js';

/*
 * The HTML reports' page script (scripts/bundle.mjs bundles it with what it imports into
 * html-page-script.js, which html-report.ts and diff-html.ts inline). Links and the
 * address's `#f-N` open a function's listing. In the report, the script renders each function's listing when
 * it is first opened (from the index, a link or its summary), from the embedded JSON: the
 * page stays light with hundreds of functions. A listing of thousands of lines shows its
 * first rows at once and adds the rest in chunks, so the page never freezes.
 */

const FIRST_ROWS = 300;
const CHUNK_ROWS = 1000;

const dataElement = document.getElementById('linecount-data');
/** The report's data; none in `linecount diff --html`'s page, whose listings are in the page already. */
const data = dataElement ? (JSON.parse(dataElement.textContent!) as HtmlData) : undefined;

/** Adds the listing's rows after the first to `body`, a chunk at a time; marks `details` complete at the end. */
function appendRows(details: HTMLDetailsElement, body: Element, listing: ListingHtml, from: number): void {
  if (from >= listing.count) {
    details.setAttribute('data-complete', '1');
    return;
  }
  body.insertAdjacentHTML('beforeend', listing.next(CHUNK_ROWS));
  setTimeout(() => appendRows(details, body, listing, from + CHUNK_ROWS), 0);
}

/** Renders a function's listing into its `details`, once. */
function render(details: HTMLDetailsElement): void {
  if (!data || details.hasAttribute('data-rendered')) return;
  details.setAttribute('data-rendered', '1');
  const fn = data.functions[Number(details.getAttribute('data-fn'))]!;
  const listing = renderListing(fn, data);
  const element = details.querySelector('.listing')!;
  element.innerHTML = `${listing.head}${listing.next(FIRST_ROWS)}</tbody></table>`;
  appendRows(details, element.querySelector('tbody')!, listing, FIRST_ROWS);
}

/** Opens and renders the listing with this id, if there is one. */
function open(id: string): HTMLDetailsElement | undefined {
  const target = document.getElementById(id);
  if (!(target instanceof HTMLDetailsElement)) return undefined;
  target.open = true;
  render(target);
  return target;
}

function openFromHash(): void {
  if (location.hash) open(location.hash.slice(1))?.scrollIntoView();
}

document.addEventListener(
  'toggle',
  (event) => {
    if (event.target instanceof HTMLDetailsElement && event.target.open) render(event.target);
  },
  true,
);
document.addEventListener('click', (event) => {
  const link = event.target instanceof Element ? event.target.closest('a[href^="#f-"]') : null;
  if (link) open(link.getAttribute('href')!.slice(1));
});
window.addEventListener('hashchange', openFromHash);
openFromHash();
