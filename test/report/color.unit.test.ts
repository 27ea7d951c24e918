import { describe, expect, it } from 'vitest';
import { shouldUseColor } from '../../packages/cli/src/report/color.js';

describe('shouldUseColor (--rich, SPEC §5)', () => {
  it('colours on a terminal, not in a pipe or file', () => {
    expect(shouldUseColor({ isTTY: true, env: {} })).toBe(true);
    expect(shouldUseColor({ isTTY: false, env: {} })).toBe(false);
  });

  it('FORCE_COLOR colours a pipe; 0 and false turn it off', () => {
    expect(shouldUseColor({ isTTY: false, env: { FORCE_COLOR: '1' } })).toBe(true);
    expect(shouldUseColor({ isTTY: false, env: { FORCE_COLOR: '' } })).toBe(true);
    expect(shouldUseColor({ isTTY: true, env: { FORCE_COLOR: '0' } })).toBe(false);
    expect(shouldUseColor({ isTTY: true, env: { FORCE_COLOR: 'false' } })).toBe(false);
  });

  it('NO_COLOR wins over a terminal and over FORCE_COLOR; an empty NO_COLOR is ignored', () => {
    expect(shouldUseColor({ isTTY: true, env: { NO_COLOR: '1' } })).toBe(false);
    expect(shouldUseColor({ isTTY: true, env: { NO_COLOR: '1', FORCE_COLOR: '1' } })).toBe(false);
    expect(shouldUseColor({ isTTY: true, env: { NO_COLOR: '' } })).toBe(true);
  });
});
