/** The counts that answer "how did it go" across operation types, in reading order. */
const headlineKeys = ["total", "succeeded", "failed", "partial", "skipped", "non_applied"];

/**
 * Headline counts first (in their order), then the rest alphabetically, so every run reads the
 * same way however many per-type counts its operation records.
 */
export function orderSummaryCounts<Count extends { key: string }>(counts: readonly Count[]): Count[] {
  const rank = (key: string) => {
    const index = headlineKeys.indexOf(key);
    return index === -1 ? headlineKeys.length : index;
  };
  return [...counts].sort((a, b) => rank(a.key) - rank(b.key) || a.key.localeCompare(b.key));
}

/** The few counts a list row has room for: the headline ones, or else the first three. */
export function headlineSummaryCounts<Count extends { key: string }>(counts: readonly Count[]): Count[] {
  const ordered = orderSummaryCounts(counts);
  const headline = ordered.filter((count) => headlineKeys.includes(count.key));
  return headline.length > 0 ? headline : ordered.slice(0, 3);
}
