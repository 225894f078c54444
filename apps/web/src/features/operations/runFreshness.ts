/** True when `candidate` is a strictly newer version of the same record than `current`. */
export function isNewer(candidate: { updatedAt: string }, current: { updatedAt: string }): boolean {
  return Date.parse(candidate.updatedAt) > Date.parse(current.updatedAt);
}

/** True when `candidate` is at least as new as `current` (ties go to the candidate). */
export function isAtLeastAsNew(candidate: { updatedAt: string }, current: { updatedAt: string }): boolean {
  return !isNewer(current, candidate);
}
