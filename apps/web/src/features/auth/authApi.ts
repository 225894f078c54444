/** The session endpoints live outside GraphQL so the cookie can be httpOnly and set by the server. */
export type LoginResult = { ok: true } | { ok: false; error: LoginErrorCode; message?: string; retryAfterSeconds?: number };

export type LoginErrorCode = "INVALID_CREDENTIALS" | "RATE_LIMITED" | "NETWORK" | "UNEXPECTED";

export async function login(email: string, password: string): Promise<LoginResult> {
  let response: Response;
  try {
    response = await fetch("/auth/login", {
      method: "POST",
      credentials: "include",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
  } catch {
    return { ok: false, error: "NETWORK" };
  }
  if (response.ok) return { ok: true };
  const body = (await response.json().catch(() => null)) as { error?: string; message?: string } | null;
  if (response.status === 401) return { ok: false, error: "INVALID_CREDENTIALS", message: body?.message };
  if (response.status === 429) {
    const retryAfterSeconds = Number(response.headers.get("retry-after")) || undefined;
    return { ok: false, error: "RATE_LIMITED", message: body?.message, retryAfterSeconds };
  }
  return { ok: false, error: "UNEXPECTED", message: body?.message };
}

export async function logout(): Promise<void> {
  // Signing out locally must work even if the server is unreachable: the redirect follows regardless.
  await fetch("/auth/logout", { method: "POST", credentials: "include" }).catch(() => undefined);
}

/** Only same-origin paths are accepted as a post-login target (no open redirects). */
export function safeNextPath(next: string | null): string {
  if (!next?.startsWith("/") || next.startsWith("//") || next.startsWith("/login")) return "/";
  return next;
}
