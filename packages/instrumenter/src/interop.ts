import remappingModule from '@ampproject/remapping';
import generateModule from '@babel/generator';
import templateModule from '@babel/template';
import traverseModule from '@babel/traverse';

// Babel 7 and @ampproject/remapping's types are CommonJS with `exports.default`; Node's ESM loader hands us the namespace.
function unwrap<T>(module: T | { default: T }): T {
  return typeof module === 'function' ? (module as T) : (module as { default: T }).default;
}

/** `@babel/traverse`'s default export. */
export const traverse = unwrap(traverseModule);
/** `@babel/generator`'s default export. */
export const generate = unwrap(generateModule);
/** `@babel/template`'s default export. */
export const template = unwrap(templateModule);
/** `@ampproject/remapping`'s default export. */
export const remapping = unwrap(remappingModule);
