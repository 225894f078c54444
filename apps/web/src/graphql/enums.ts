/**
 * The values of a generated enum in the order a map declares them. Label and color maps are typed
 * `Record<Enum, …>`, so the list is complete by construction and follows the UI's reading order
 * rather than the schema's alphabetical one.
 */
export function valuesInOrder<Value extends string>(map: Record<Value, unknown>): Value[] {
  return Object.keys(map) as Value[];
}

/** Narrows a string from outside (a URL, storage) to one of the enum's values. */
export function isOneOf<Value extends string>(values: readonly Value[], candidate: string): candidate is Value {
  return (values as readonly string[]).includes(candidate);
}
