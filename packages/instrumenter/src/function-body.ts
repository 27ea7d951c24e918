import type * as t from '@babel/types';
import type { SuspendStyle } from '@linecount/runtime/probe-code';
import { markGenerated, slotFor, type FunctionState } from './instrument-state.js';
import { firstCodeStatement, instrumentList, type ForAwaitContext, type StatementContext } from './statements.js';

/** What the statement walk of one function builds its probes with. */
function statementContext(state: FunctionState, node: Pick<t.Function, 'async'>, style: SuspendStyle): StatementContext {
  const { file, index } = state;
  const awaitStyle = file.awaitTime ? 'charged' : 'segmented';
  const forAwait: ForAwaitContext = {
    parkAfter: (iterable) => file.kit.parkAfter(index, awaitStyle, iterable),
    park: () => file.kit.park(index, awaitStyle),
    resume: (line, ifParked) => file.kit.resume(index, slotFor(state, line), awaitStyle, ifParked),
  };
  return {
    probe: (line) => markGenerated(file, file.kit.probe(index, slotFor(state, line))),
    lineOf: state.lineOf,
    continueLabel: (loop) => state.continueLabels.get(loop),
    unmapStart: (node, end) => file.unmapped.push({ node, end }),
    ...(node.async ? { forAwait } : {}),
    ...(style === 'none' ? {} : { resumeAfterThrow: () => file.kit.resumeAfterThrow(index) }),
  };
}

/** A body's statements with their probes, and the prologue whose clock read is also the probe of the first one. */
export interface ProbedBody {
  prologue: t.Statement[];
  instrumented: t.Statement[];
}

/**
 * Probes the statements of a function's body (or of the module's top level, SPEC §3):
 * the first statement that runs code is counted by the prologue, every other line by a
 * probe of its own.
 */
export function probeBody(state: FunctionState, statements: t.Statement[], node: Pick<t.Function, 'async'>, style: SuspendStyle): ProbedBody {
  const { file, index } = state;
  const first = firstCodeStatement(statements);
  const firstLine = first?.loc ? state.lineOf(first) : undefined;
  const firstSlot = firstLine === undefined ? 0 : slotFor(state, firstLine);
  const instrumented = instrumentList(statements, firstLine === undefined ? null : [firstLine], statementContext(state, node, style));
  return { prologue: file.kit.prologue(index, firstSlot, style), instrumented };
}
