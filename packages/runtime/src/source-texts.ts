/**
 * `Function.prototype.toString()` of instrumented functions answers their original text
 * (issue 13, cause 1; SPEC §3 "Transparency"). The realm's `toString` is replaced once,
 * when its first instrumented file registers, by one that calls the native one and,
 * only when the text holds a key directive (see `SourceTexts`), answers the original.
 * Nothing happens when a closure is made or called. The replacement looks native: its
 * name, length and own text are the native one's, a non-function gets the native
 * TypeError, and it has no `prototype`.
 */
import { SOURCE_KEY_PREFIX } from './constants.js';
import type { SourceTexts } from './types.js';

type Texts = SourceTexts['texts'];

/** The registered texts of each realm whose `toString` is replaced, by `Function.prototype`. */
const realms = new WeakMap<object, Map<string, Texts>>();

const KEY = new RegExp(`${SOURCE_KEY_PREFIX}(\\w+):(\\d+)-(\\d+)`, 'g');

/** The original text of the function whose key range is the widest in `text` (nested functions are inside it). */
function widestOriginal(text: string, files: ReadonlyMap<string, Texts>, seen: Set<Texts>): string | undefined {
  let best: string | undefined;
  let width = -1;
  for (const [, key, from, to] of text.matchAll(KEY)) {
    const texts = files.get(key!);
    if (!texts) continue;
    seen.add(texts);
    const start = Number(from);
    const end = Number(to);
    const region = texts.find(([offset, original]) => offset >= 0 && offset <= start && end <= offset + original.length);
    if (region && end - start > width) {
      best = region[1].slice(start - region[0], end - region[0]);
      width = end - start;
    }
  }
  return best;
}

/** FNV-1a of `text`'s UTF-16 code units: identifies a printed function's text (see `SourceTexts`). */
export function hashText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  return hash;
}

/** `text` with the printed texts of `texts` in it replaced by their originals. */
function restorePrinted(text: string, texts: Texts): string {
  let restored = text;
  for (const [, original, key, offset = 0, length = 0, hash] of texts) {
    if (key === undefined) continue;
    for (let at = restored.indexOf(key); at >= 0; at = restored.indexOf(key, at + 1)) {
      const from = at - offset;
      if (from < 0 || hashText(restored.slice(from, from + length)) !== hash) continue;
      restored = restored.slice(0, from) + original + restored.slice(from + length);
      at = from + original.length - 1;
    }
  }
  return restored;
}

/**
 * The original of an instrumented `text`: the printed functions in it replaced by their
 * originals when it holds them as printed (the function itself, or a class or function
 * around them), else the original text of its own function, else `text`.
 */
export function originalText(text: string, files: ReadonlyMap<string, Texts>): string {
  const seen = new Set<Texts>();
  const own = widestOriginal(text, files, seen);
  if (own === undefined) return text;
  let restored = text;
  for (const texts of seen) restored = restorePrinted(restored, texts);
  if (!restored.includes(SOURCE_KEY_PREFIX)) return restored;
  // Compiled again (esbuild, a minifier): its own function's when it starts like it (not a class around it).
  return firstWord(own) === firstWord(text) ? own : text;
}

function firstWord(text: string): string | undefined {
  return /^(?:[\w$]+|\S)/.exec(text)?.[0];
}

/** Replaces `Function.prototype.toString` of `realm` (see above), answering from `files`. */
function replaceToString(realm: typeof globalThis, files: ReadonlyMap<string, Texts>): void {
  const prototype = realm.Function.prototype;
  const native = prototype.toString;
  const apply = Reflect.apply;
  const replacement = {
    toString(this: unknown): string {
      if (this === replacement) return apply(native, native, []) as string;
      const text = apply(native, this, []) as string;
      return text.includes(SOURCE_KEY_PREFIX) ? originalText(text, files) : text;
    },
  }.toString;
  // A function of the realm (the runtime may be another's, as in a `node:vm` context).
  Object.setPrototypeOf(replacement, prototype);
  Object.defineProperty(prototype, 'toString', { value: replacement, writable: true, enumerable: false, configurable: true });
}

/** Records a file's original texts for `realm`, whose `toString` is replaced on the first call. */
export function registerSourceTexts(sources: SourceTexts, realm: typeof globalThis): void {
  const prototype = realm.Function.prototype;
  let files = realms.get(prototype);
  if (!files) {
    files = new Map();
    realms.set(prototype, files);
    replaceToString(realm, files);
  }
  files.set(sources.key, sources.texts);
}
