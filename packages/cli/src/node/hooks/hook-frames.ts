/**
 * Room in captured stacks for the frames of linecount's `require` hook (issue 12, item
 * 9). A module's top-level code runs under the hook's frames, which stacks leave out
 * (node/profiler/original-stacks.ts); V8 captures `Error.stackTraceLimit` frames, theirs
 * included, so a stack that reaches the limit would show fewer of the program's frames
 * than without linecount. While the hook's frames are on the stack, the limit is raised
 * by their number, and stacks are cut back to the program's limit once they are left out.
 */

/** Hook frames on the stack now, for which the limit is raised, and the most there were. */
let reserved = 0;
let mostReserved = 0;

/** Whether stacks leave the hook's frames out now (set by original-stacks.ts). */
let hiding: () => boolean = () => false;

/** Sets what tells whether stacks leave the hook's frames out (they do when Node formats them without source maps). */
export function leaveHookFramesOutWhen(predicate: () => boolean): void {
  hiding = predicate;
}

/** A program may have frozen `Error.stackTraceLimit` (writing it would throw) or made it an accessor (V8 then captures no stack). */
function isWritable(): boolean {
  return Object.getOwnPropertyDescriptor(Error, 'stackTraceLimit')?.writable === true;
}

/**
 * Raises `Error.stackTraceLimit` by `count`, the hook frames about to be on the stack,
 * when stacks leave them out; returns what lowers it again (unless the program set
 * another limit meanwhile).
 */
export function reserveHookFrames(count: number): () => void {
  const limit = Error.stackTraceLimit;
  if (!hiding() || !isWritable() || typeof limit !== 'number' || !Number.isFinite(limit)) return () => undefined;
  const raised = limit + count;
  Error.stackTraceLimit = raised;
  reserved += count;
  mostReserved = Math.max(mostReserved, reserved);
  return () => {
    reserved -= count;
    if (Error.stackTraceLimit === raised && isWritable()) Error.stackTraceLimit = limit;
  };
}

/**
 * The frames of a captured stack that the program would have had: `sites` (the hook's
 * frames left out, `hookFrames` of them) cut back to the program's own limit when they
 * outnumber it by no more than the reserved frames that were not in the stack (those of
 * an outer `require`, past its end). More are not cut: the stack was captured with a
 * larger limit that the program set, and set back before the stack was formatted.
 */
export function programFrames<T>(sites: readonly T[], hookFrames: number): readonly T[] {
  const limit = Error.stackTraceLimit;
  if (typeof limit !== 'number') return sites;
  const surplus = sites.length - (limit - reserved);
  return surplus > 0 && surplus <= mostReserved - hookFrames ? sites.slice(0, sites.length - surplus) : sites;
}
