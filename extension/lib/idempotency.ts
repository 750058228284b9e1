/*
 * One idempotency key per form submission: a retry after a network error reuses it (the server then
 * answers with the request it may already have made), while changed parameters or a new submission
 * get a fresh one (the server refuses a key reused for different parameters).
 */

export type TPendingKey = { key: string; fingerprint: string };

/** A random key; crypto.getRandomValues also works on plain-http pages, where randomUUID does not. */
export function newIdempotencyKey(
  random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b),
) {
  const bytes = random(new Uint8Array(16));
  return `keel-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}

/** A stable text for the parameters (object keys sorted) to tell a retry from a changed submission. */
export function fingerprint(actionId: string, params: Record<string, unknown>): string {
  const sorted = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(sorted);
    if (value && typeof value === "object") {
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
      );
    }
    return value;
  };
  return JSON.stringify([actionId, sorted(params)]);
}

/** The key to send: the pending one when this is a retry of the same submission, else a new one. */
export function keyForSubmission(
  pending: TPendingKey | null,
  print: string,
  make: () => string = newIdempotencyKey,
): TPendingKey {
  return pending && pending.fingerprint === print ? pending : { key: make(), fingerprint: print };
}

/** Whether an error means the server may never have answered, so the same key must be reused. */
export function isRetryableError(code: string): boolean {
  return code === "NETWORK_ERROR" || code === "EXTENSION_ERROR" || code === "SERVICE_UNAVAILABLE";
}
