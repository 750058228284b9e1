/** Origins the manifest grants up front (`host_permissions`); a match pattern without a port matches every port. */
const BUILT_IN_HOSTS = new Set(["localhost", "127.0.0.1"]);

/**
 * The optional host permission needed to call a Keel server from the background worker, as a match
 * pattern, or null when the manifest's own host permissions already cover it.
 */
export function hostPermissionPattern(serverUrl: string): string | null {
  const url = new URL(serverUrl);
  if (url.protocol === "http:" && BUILT_IN_HOSTS.has(url.hostname)) return null;
  // Chrome match patterns take no port, and one without a port covers them all.
  return `${url.protocol}//${url.hostname}/*`;
}
