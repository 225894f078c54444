/**
 * The two versions being compared. Choices in the URL win while they name versions of this
 * history; otherwise the newest is compared with the one before it (history is newest first).
 */
export function pickVersionPair(
  history: readonly { id: string }[],
  fromParam: string | null,
  toParam: string | null,
): { fromId: string | null; toId: string | null } {
  const known = (id: string | null) => (id && history.some((version) => version.id === id) ? id : null);
  return {
    fromId: known(fromParam) ?? history[1]?.id ?? null,
    toId: known(toParam) ?? history[0]?.id ?? null,
  };
}
