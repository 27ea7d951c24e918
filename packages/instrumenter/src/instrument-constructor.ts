/**
 * Constructors of derived classes, instrumented around their `super(…)` call: it stays
 * a statement of the constructor's body (not inside a block, an `if` or a `try`),
 * where lowerings of class fields put the field initialisers (TypeScript and Oxc with
 * `useDefineForClassFields: false` only look there, and put them first otherwise:
 * `this` before `super()`). The function's activation is closed (the epilogue) right
 * before the call and taken back right after it, charging the call to its line: an
 * exception thrown by `super()` or its arguments leaves it closed, which no `finally`
 * around the call could otherwise ensure.
 *
 * ```js
 * constructor(a) {
 *   prologue; try { var p = 1; …code before…; p = 0; } finally { if (p) { epilogue } } epilogue;
 *   super(a);
 *   resumeAfterCall; try { var p = 1; …code after…; p = 0; } finally { if (p) { epilogue } } epilogue;
 * }
 * ```
 * The declarations of the body stay in it, where they are: functions and classes as
 * they are, `let`/`const` with their initialisers computed into a temporary inside the
 * guarded code (`var w = init` guarded, then `const a = w`). Switchable code tests the
 * flag once on each side of the call, `if (!E) { code } else { prologue; …; epilogue }`,
 * and once per guarded run where declarations split the code.
 */
import * as t from '@babel/types';
import { lastCharacter, unmappedBranches } from './coverage-hints.js';
import { markGenerated, type FileState } from './instrument-state.js';

/** What {@link instrumentAroundSuper} builds the constructor's body from. */
export interface ConstructorParts {
  file: FileState;
  index: number;
  /** The function's prologue (probe code). */
  prologue: t.Statement[];
  /** The body's top-level statements, instrumented. */
  instrumented: t.Statement[];
  /** The top-level `super(…)` statement, one of `instrumented`. */
  superCall: t.ExpressionStatement;
  /** Switchable code: each top-level statement's uninstrumented copy. */
  originals?: ReadonlyMap<t.Statement, t.Statement>;
}

/** A statement of one side of the call: guarded (`run`, with its original when switchable) or left in the body. */
interface Item {
  statement: t.Statement;
  run: boolean;
  original?: t.Statement;
}

/** The first top-level `super(…)` statement of a derived class's constructor, if there is one. */
export function findTopLevelSuper(node: t.Function, parentClass: t.Node | undefined, statements: readonly t.Statement[]): t.ExpressionStatement | undefined {
  if (!t.isClassMethod(node) || node.kind !== 'constructor' || !t.isClass(parentClass) || !parentClass.superClass) return undefined;
  return statements.find((s): s is t.ExpressionStatement => t.isExpressionStatement(s) && t.isCallExpression(s.expression) && t.isSuper(s.expression.callee));
}

/** An anonymous function or class: it takes the name of the binding it initialises, and a temporary would change that. */
function takesBindingName(node: t.Expression): boolean {
  let inner: t.Node = node;
  while (t.isTSAsExpression(inner) || t.isTSSatisfiesExpression(inner) || t.isTSNonNullExpression(inner) || t.isTypeCastExpression(inner)) {
    inner = inner.expression;
  }
  return (t.isFunctionExpression(inner) || t.isArrowFunctionExpression(inner) || t.isClassExpression(inner)) && !('id' in inner && inner.id);
}

/** `let`/`const a = init, b = …` as `var w = init` (guarded) and `const a = w`, one declarator at a time. */
function splitDeclaration(file: FileState, declaration: t.VariableDeclaration, original: t.Statement | undefined): Item[] {
  const items: Item[] = [];
  declaration.declarations.forEach((declarator, i) => {
    const single = t.variableDeclaration(declaration.kind, [declarator]);
    single.loc = i === 0 ? declaration.loc : declarator.loc;
    const { init } = declarator;
    if (init && !takesBindingName(init)) {
      // The temporary is the statement coverage tools count, at the declaration's place.
      const temp = (value: t.Expression): t.Statement => ({ ...t.variableDeclaration('var', [t.variableDeclarator(t.identifier(`${file.prefix}w`), value)]), loc: single.loc });
      file.kit.hide(single);
      const originalInit = (original as t.VariableDeclaration | undefined)?.declarations[i]?.init;
      items.push({ statement: temp(init), run: true, ...(originalInit ? { original: markGenerated(file, temp(originalInit)) } : {}) });
      declarator.init = t.identifier(`${file.prefix}w`);
    }
    items.push({ statement: single, run: false });
  });
  return items;
}

/** The statements on one side of the call: declarations stay in the body, the rest is guarded. */
function itemsOf(parts: ConstructorParts, statements: readonly t.Statement[]): Item[] {
  const { file, originals } = parts;
  return statements.flatMap((statement): Item[] => {
    if (file.generated.has(statement)) return [{ statement, run: true }];
    if (t.isFunctionDeclaration(statement) || t.isClassDeclaration(statement) || (statement as { declare?: boolean }).declare) {
      return [{ statement, run: false }];
    }
    const original = originals?.get(statement);
    if (t.isVariableDeclaration(statement) && statement.kind !== 'var') {
      return statement.kind === 'let' || statement.kind === 'const' ? splitDeclaration(file, statement, original) : [{ statement, run: false }];
    }
    return [{ statement, run: true, ...(original ? { original } : {}) }];
  });
}

/**
 * `try { var p = 1; …; p = 0; } finally { if (p) { epilogue } }` around the user code of
 * `statements`, probe code before and after it left outside: closes the activation on
 * a throw or a `return`.
 */
function guard(parts: ConstructorParts, statements: readonly t.Statement[]): t.Statement[] {
  const { file, index } = parts;
  let start = 0;
  let end = statements.length;
  while (start < end && file.generated.has(statements[start]!)) start++;
  while (end > start && file.generated.has(statements[end - 1]!)) end--;
  if (start === end) return [...statements];
  const pending = (): t.Identifier => t.identifier(`${file.prefix}p`);
  const probe = <T extends t.Statement>(statement: T): T => file.kit.hide(markGenerated(file, statement));
  const open = probe(t.variableDeclaration('var', [t.variableDeclarator(pending(), t.numericLiteral(1))]));
  const done = probe(t.expressionStatement(t.assignmentExpression('=', pending(), t.numericLiteral(0))));
  const check = probe(t.ifStatement(pending(), t.blockStatement(file.kit.epilogue(index, 'none'))));
  const code = t.tryStatement(t.blockStatement([open, ...statements.slice(start, end), done]), null, markGenerated(file, t.blockStatement([check])));
  const last = statements.slice(start, end).findLast((statement) => statement.loc)?.loc;
  // Out of coverage reports, as the try around a body and its epilogue (see coverage-hints.ts).
  if (last) file.unmapped.push({ node: code, end: lastCharacter(last.end) }, { node: check.consequent, end: lastCharacter(last.end) });
  return [...statements.slice(0, start), code, ...statements.slice(end)];
}

/**
 * One side of the call: `opening` (the prologue, or the resumption after the call), the
 * code, the epilogue. Consecutive guarded items make one guarded run; in switchable
 * code, the instrumented branch of `if (!E) { original } else { … }`, or `if (E) { … }`
 * for probe code alone.
 */
function instrumentSide(parts: ConstructorParts, opening: t.Statement[], statements: readonly t.Statement[]): t.Statement[] {
  const { file, index } = parts;
  const probes = (code: t.Statement[]): Item[] => code.map((statement) => ({ statement: markGenerated(file, statement), run: true }));
  const epilogue = file.kit.epilogue(index, 'none');
  file.unmapped.push(...unmappedBranches(epilogue));
  const items = [...probes(opening), ...itemsOf(parts, statements), ...probes(epilogue)];
  const out: t.Statement[] = [];
  for (let i = 0; i < items.length; ) {
    if (!items[i]!.run) {
      out.push(items[i++]!.statement);
      continue;
    }
    const run: Item[] = [];
    while (i < items.length && items[i]!.run) run.push(items[i++]!);
    const guarded = guard(parts, run.map((item) => item.statement));
    const originals = run.flatMap((item) => (item.original ? [item.original] : []));
    if (!file.switchable) out.push(...guarded);
    else out.push(originals.length ? file.kit.switchOn(false, guarded, originals) : file.kit.whenOn(guarded));
  }
  return out;
}

/** The body of a derived class's constructor, instrumented around its top-level `super(…)` (see the file's comment). */
export function instrumentAroundSuper(parts: ConstructorParts): t.Statement[] {
  const { file, index, instrumented, superCall } = parts;
  const at = instrumented.indexOf(superCall);
  return [
    ...instrumentSide(parts, parts.prologue, instrumented.slice(0, at)),
    superCall,
    ...instrumentSide(parts, [file.kit.resumeAfterCall(index)], instrumented.slice(at + 1)),
  ];
}
