/**
 * The fewest SQL statements any of `attempts` runs of a request sent (`measure` runs it once and
 * returns its count). The API trusts a cached session for 10 s from when it was looked up (reads do
 * not extend it), so any one request may also carry the session lookup, more often the slower the
 * machine; the request's own statements are in every run.
 */
export async function fewestStatements(measure: () => Promise<number>, attempts = 3): Promise<number> {
  const counts: number[] = [];
  for (let attempt = 0; attempt < attempts; attempt++) counts.push(await measure());
  return Math.min(...counts);
}
