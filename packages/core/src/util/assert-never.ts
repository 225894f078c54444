/** Makes a switch exhaustive: adding an enum value without handling it fails to compile. */
export function assertNever(value: never): never {
  throw new Error(`Unhandled value: ${String(value)}`);
}
