import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { relabelContinue } from './continue-labels.js';
import { probeBody } from './function-body.js';
import type { FunctionSlots, FunctionState } from './instrument-state.js';
import { inWithBody, walkOwnCode } from './walk.js';

/**
 * Profiles a module's top-level code as the pseudo-function `<module>` (SPEC §2, `-p`
 * on the script): the function prologue before the body, a probe between statements,
 * and the epilogue after the last one. Nothing is wrapped, so imports, exports,
 * hoisting, top-level `var`s and top-level `await` keep their meaning; the code between
 * probes is the original. The time suspended at a top-level `await` stays on its line
 * (SPEC §3's default); a body that ends early (a throw, a top-level `return`,
 * `process.exit()`) leaves its last line open and adds no total.
 * @returns The new program body (without the preamble) and the slots' lines.
 */
export function instrumentModule(program: NodePath<t.Program>, state: FunctionState): FunctionSlots & { body: t.Statement[] } {
  const { file, index } = state;
  walkOwnCode(program.node, {
    // A `with` body stays as written (see profilable.ts).
    enter: (node, ancestors) => (t.isContinueStatement(node) && !inWithBody(ancestors) ? relabelContinue(state, node, ancestors) : undefined),
  });
  const { prologue, instrumented } = probeBody(state, program.node.body, { async: false }, 'none');
  const body = [...prologue, ...instrumented, ...file.kit.epilogue(index, 'none')];
  return { slotLines: state.slotLines, body };
}
