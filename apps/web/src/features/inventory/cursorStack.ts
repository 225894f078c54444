/**
 * Forward-only Relay cursors give "next"; "previous" is remembered by keeping the cursors that
 * led to each page. The first page's cursor is null.
 */
export type CursorStack = (string | null)[];

export const firstPage: CursorStack = [null];

export function currentCursor(stack: CursorStack): string | null {
  return stack[stack.length - 1] ?? null;
}

export function nextPage(stack: CursorStack, endCursor: string | null): CursorStack {
  return endCursor ? [...stack, endCursor] : stack;
}

export function previousPage(stack: CursorStack): CursorStack {
  return stack.length > 1 ? stack.slice(0, -1) : stack;
}
