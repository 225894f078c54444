/** localStorage access that survives private mode / disabled storage (then choices just don't persist). */
export function readStored(key: string): string | null {
  try {
    return window.localStorage.getItem(key);
  } catch {
    return null;
  }
}

export function writeStored(key: string, value: string | null): void {
  try {
    if (value === null) window.localStorage.removeItem(key);
    else window.localStorage.setItem(key, value);
  } catch {
    // Persistence is a convenience only.
  }
}

export const storageKeys = {
  language: "atlas.language",
  workspaceId: "atlas.workspaceId",
  environmentId: (workspaceId: string) => `atlas.environmentId.${workspaceId}`,
} as const;
