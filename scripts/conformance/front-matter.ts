/**
 * The metadata of a test262 file: the YAML block between `/*---` and `---*\/`. Only
 * what the runner needs is read (flags, includes, negative, features), and only the
 * forms test262 writes: `key: [a, b]`, a block list of `- item` lines, and a nested
 * `negative:` map of `phase:` and `type:`.
 */

/** How a negative test must fail: at `parse`, `resolution` (module linking) or `runtime`. */
export interface Negative {
  phase: string;
  type: string;
}

/** The metadata of one test. */
export interface FrontMatter {
  flags: string[];
  includes: string[];
  features: string[];
  negative?: Negative;
}

const BLOCK = /\/\*---([\s\S]*?)---\*\//;

function inlineList(value: string): string[] {
  const inner = /^\[(.*)\]$/.exec(value.trim());
  if (!inner) return value.trim() === '' ? [] : [value.trim()];
  return inner[1]!
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Parses the front matter of `source`; a file without one has no flags, includes or features. */
export function parseFrontMatter(source: string): FrontMatter {
  const matter: FrontMatter = { flags: [], includes: [], features: [] };
  const block = BLOCK.exec(source);
  if (!block) return matter;
  let key = '';
  for (const line of block[1]!.split(/\r?\n/)) {
    const top = /^([A-Za-z]+):\s*(.*)$/.exec(line);
    if (top) {
      key = top[1]!;
      if (key === 'flags' || key === 'includes' || key === 'features') matter[key] = inlineList(top[2]!);
      if (key === 'negative') matter.negative = { phase: '', type: '' };
      continue;
    }
    const item = /^\s+-\s*(\S+)/.exec(line);
    if (item && (key === 'flags' || key === 'includes' || key === 'features')) matter[key].push(item[1]!);
    const nested = /^\s+(phase|type):\s*(\S+)/.exec(line);
    if (nested && key === 'negative') matter.negative![nested[1] as keyof Negative] = nested[2]!;
  }
  return matter;
}
