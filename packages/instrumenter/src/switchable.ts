/**
 * The two forms of a switchable function (build plugins, SPEC §3 "off means off"): its
 * original body runs while profiling is off, the instrumented one while it is on. The
 * instrumented code goes into a twin declaration that the original forwards to
 * (`if (E) return twin(…)`, see twin-placement.ts for where it can), or else into
 * `if (!E) { original } else { instrumented }` in the function itself.
 */
import type { NodePath } from '@babel/traverse';
import * as t from '@babel/types';
import { lastCharacter, type SourcePosition } from './coverage-hints.js';
import { markGenerated, type FunctionState } from './instrument-state.js';
import type { TwinPlacement } from './twin-placement.js';

/** Copies of the body's statements, taken before any probe goes in; never walked, so the functions in them stay as they are. */
export function copyOriginal(state: FunctionState, statements: readonly t.Statement[]): t.Statement[] {
  return statements.map((s) => markGenerated(state.file, t.cloneNode(s, true)));
}

/** What {@link forwardToTwin} builds the two functions from. */
export interface TwinParts {
  placement: TwinPlacement;
  /** The instrumented body. */
  probed: t.Statement[];
  /** The original body (see {@link copyOriginal}). */
  original: t.Statement[];
  /** The function may run before the preamble (see `ProbeKit.forward`). */
  early: boolean;
  /** The original position after the function's body. */
  end: SourcePosition;
}

/**
 * Puts the instrumented body into a twin declaration at the end of the enclosing block
 * (declarations are hoisted, and the lines above keep their numbers) and leaves the
 * original body in the function, behind a forward to the twin.
 * @returns The twin, whose functions are still to be walked.
 */
export function forwardToTwin(path: NodePath<t.Function>, state: FunctionState, parts: TwinParts): NodePath<t.FunctionDeclaration> {
  const { file, index } = state;
  const { placement, early } = parts;
  const body = path.node.body as t.BlockStatement;
  const name = t.identifier(`${file.prefix}twin${index}`);
  const params = path.node.params.map((param) => t.identifier((param as t.Identifier).name));
  const directives = body.directives.map((directive) => t.cloneNode(directive));
  if (placement.strict) directives.unshift(t.directive(t.directiveLiteral('use strict')));
  const declaration = t.functionDeclaration(name, params, t.blockStatement(parts.probed, directives));
  const args = params.map((p) => t.cloneNode(p));
  const call = placement.usesThis
    ? t.callExpression(t.memberExpression(t.cloneNode(name), t.identifier('call')), [t.thisExpression(), ...args])
    : t.callExpression(t.cloneNode(name), args);
  body.body = [file.kit.forward(early, call), ...parts.original];
  const [twinPath] = placement.scope.pushContainer('body', markGenerated(file, declaration));
  const scopeEnd = placement.scope.node.loc?.end;
  file.unmapped.push({ node: declaration, end: scopeEnd ? lastCharacter(scopeEnd) : parts.end });
  return twinPath as NodePath<t.FunctionDeclaration>;
}

/** `if (!E) { original } else { instrumented }`, kept out of coverage reports up to `end`. */
export function switchBetween(state: FunctionState, parts: Omit<TwinParts, 'placement'>): t.Statement {
  const { file } = state;
  const switchOn = file.kit.switchOn(parts.early, parts.probed, parts.original);
  file.unmapped.push({ node: switchOn, end: parts.end });
  return switchOn;
}
