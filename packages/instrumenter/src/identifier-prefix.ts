import { IDENTIFIER_PREFIX } from './constants.js';

/** FNV-1a of `text`, in base 36. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

/**
 * An identifier prefix the source does not use anywhere, so user code cannot shadow ours.
 * A script's top-level declarations are the realm's: two scripts of a page (or scripts
 * concatenated) would share them, and the second `const E` would not even run (issue 13,
 * cause 6). So a script's prefix carries a hash of its name and text, a module's (own
 * scope) does not.
 */
export function choosePrefix(code: string, filename: string, isScript: boolean): string {
  const base = isScript ? `${IDENTIFIER_PREFIX}${hash(`${filename}\n${code}`)}` : IDENTIFIER_PREFIX;
  let prefix = `${base}_`;
  for (let n = 1; code.includes(prefix); n++) prefix = `${base}${n}_`;
  return prefix;
}
