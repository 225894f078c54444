/**
 * Notification links point into the SPA (e.g. "/runs/<id>"). An absolute URL of this origin is
 * reduced to its path so the router handles it; anything else is not followed in-app.
 */
export function inAppPath(link: string | null, origin: string): string | null {
  if (!link) return null;
  if (link.startsWith("/") && !link.startsWith("//")) return link;
  try {
    const url = new URL(link);
    return url.origin === origin ? `${url.pathname}${url.search}${url.hash}` : null;
  } catch {
    return null;
  }
}
