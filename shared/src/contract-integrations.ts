import * as z from "zod";

/*
 * Integration procedures: per-tenant API keys for server-to-server calls, and the encrypted
 * credentials of helpdesk connectors. Spread into the main contract in contract.ts. No output here
 * ever carries a connector secret or its ciphertext; an API key's secret appears once, in the answer
 * to apiKey.create. See docs/decisions/010-api-keys-and-connector-secrets.md.
 */

const ZId = z.string().min(1).max(64);
const ZIsoDate = z.string().datetime({ offset: true });
const ZNone = z.object({}).strict().optional();

// ---- API keys -----------------------------------------------------------------------------------------

/** What an API key may be used for. A key holds one or more; each endpoint requires one. */
export const API_KEY_SCOPES = ["audit:export", "audit:read", "connectors:write"] as const;
export const ZApiKeyScope = z.enum(API_KEY_SCOPES);
export type TApiKeyScope = z.infer<typeof ZApiKeyScope>;

/** What each scope allows, for the console (and the docs). */
export const API_KEY_SCOPE_INFO: Record<TApiKeyScope, { title: string; description: string }> = {
  "audit:export": {
    title: "Export the audit log",
    description: "GET /api/v1/audit/export: the tenant's audit events as JSONL or CSV.",
  },
  "audit:read": {
    title: "Read audit events",
    description: "Read the tenant's audit events (reserved for the audit read API).",
  },
  "connectors:write": {
    title: "Write through connectors",
    description: "Push changes to the helpdesk through configured connectors (reserved).",
  },
};

/** Whether a key's scopes include the one an endpoint requires. Exact match: no wildcards. */
export function hasApiKeyScope(scopes: readonly string[], required: TApiKeyScope): boolean {
  return scopes.includes(required);
}

/** Secrets of API keys start with this, so they are recognisable (and redactable) anywhere. */
export const API_KEY_SECRET_PREFIX = "keel_key_";

/** Expiry choices offered by the console, in days; null: the key does not expire. */
export const API_KEY_EXPIRY_DAYS = [30, 90, 365] as const;

export const ZCreateApiKeyInput = z.object({
  name: z
    .string()
    .trim()
    .min(1, "Give the key a name (what uses it)")
    .max(80, "Names have at most 80 characters"),
  scopes: z
    .array(ZApiKeyScope)
    .min(1, "Choose at least one scope")
    .max(API_KEY_SCOPES.length)
    .transform((scopes) => [...new Set(scopes)].sort()),
  /** Days until the key expires; null: it never expires (revoke it when it is no longer used). */
  expiresInDays: z.number().int().min(1).max(730).nullable(),
});
export type TCreateApiKeyInput = z.input<typeof ZCreateApiKeyInput>;

export const ZApiKeyRow = z.object({
  id: ZId,
  name: z.string(),
  /** The first characters of the secret (keel_key_xxxxxx), to recognise a key. */
  prefix: z.string(),
  scopes: z.array(z.string()),
  /** E-mail of the admin who created it; null when they are no longer a member. */
  createdBy: z.string().nullable(),
  createdAt: ZIsoDate,
  expiresAt: ZIsoDate.nullable(),
  lastUsedAt: ZIsoDate.nullable(),
  revokedAt: ZIsoDate.nullable(),
});
export type TApiKeyRow = z.infer<typeof ZApiKeyRow>;

export const ZCreateApiKeyOutput = z.object({
  key: ZApiKeyRow,
  /** The secret, shown this once. Only its sha256 is stored. */
  secret: z.string().startsWith(API_KEY_SECRET_PREFIX),
});
export type TCreateApiKeyOutput = z.infer<typeof ZCreateApiKeyOutput>;

export const ZListApiKeysOutput = z.object({ keys: z.array(ZApiKeyRow) });
export const ZRevokeApiKeyInput = z.object({ keyId: ZId });
export const ZRevokeApiKeyOutput = z.object({ keyId: ZId, revokedAt: ZIsoDate });

// ---- connector credentials ----------------------------------------------------------------------------

export const CONNECTOR_KINDS = ["zendesk", "freshdesk", "osticket", "freescout", "generic"] as const;
export const ZConnectorKind = z.enum(CONNECTOR_KINDS);
export type TConnectorKind = z.infer<typeof ZConnectorKind>;

export const CONNECTOR_INFO: Record<
  TConnectorKind,
  { title: string; baseUrlExample: string; secretLabel: string }
> = {
  zendesk: { title: "Zendesk", baseUrlExample: "https://acme.zendesk.com", secretLabel: "API token" },
  freshdesk: { title: "Freshdesk", baseUrlExample: "https://acme.freshdesk.com", secretLabel: "API key" },
  osticket: { title: "osTicket", baseUrlExample: "https://support.acme.com", secretLabel: "API key" },
  freescout: { title: "FreeScout", baseUrlExample: "https://help.acme.com", secretLabel: "API key" },
  generic: {
    title: "Generic REST helpdesk",
    baseUrlExample: "https://helpdesk.acme.com",
    secretLabel: "Token",
  },
};

const LOCAL_HOSTS = new Set(["localhost", "127.0.0.1", "[::1]"]);

/**
 * Where a helpdesk lives: an https URL, or http on this machine (development). No user or password
 * in the URL (the secret has its own field), no query or fragment; a trailing slash is dropped.
 */
export const ZConnectorBaseUrl = z
  .string()
  .trim()
  .min(1, "Enter the helpdesk's address")
  .max(2048)
  .transform((value, ctx) => {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      ctx.addIssue({ code: "custom", message: "Enter a full URL, such as https://acme.zendesk.com" });
      return z.NEVER;
    }
    const local = LOCAL_HOSTS.has(url.hostname);
    if (url.protocol !== "https:" && !(url.protocol === "http:" && local)) {
      ctx.addIssue({ code: "custom", message: "Use https:// (http:// only for localhost)" });
      return z.NEVER;
    }
    if (url.username || url.password) {
      ctx.addIssue({ code: "custom", message: "Put no user name or password in the URL" });
      return z.NEVER;
    }
    if (url.search || url.hash) {
      ctx.addIssue({ code: "custom", message: "Leave out the query (?...) and fragment (#...)" });
      return z.NEVER;
    }
    return `${url.origin}${url.pathname}`.replace(/\/+$/, "");
  });

/** Whether a base URL points at this machine over plain http (refused in production). */
export function isLocalHttpUrl(baseUrl: string): boolean {
  try {
    const url = new URL(baseUrl);
    return url.protocol === "http:" && LOCAL_HOSTS.has(url.hostname);
  } catch {
    return false;
  }
}

export const ZSetConnectorCredentialInput = z.object({
  connector: ZConnectorKind,
  baseUrl: ZConnectorBaseUrl,
  /** The helpdesk's API token or key. Write-only: it is encrypted and never returned. */
  secret: z
    .string()
    .trim()
    .min(8, "The secret has at least 8 characters")
    .max(4096, "The secret has at most 4096 characters"),
});
export type TSetConnectorCredentialInput = z.input<typeof ZSetConnectorCredentialInput>;

export const ZConnectorCredentialView = z.object({
  connector: ZConnectorKind,
  configured: z.boolean(),
  baseUrl: z.string().nullable(),
  /** The secret's last four characters; null when not configured. */
  hint: z.string().nullable(),
  /** Which encryption key protects it (rotation); not secret. */
  keyId: z.string().nullable(),
  updatedAt: ZIsoDate.nullable(),
});
export type TConnectorCredentialView = z.infer<typeof ZConnectorCredentialView>;

export const ZListConnectorCredentialsOutput = z.object({ connectors: z.array(ZConnectorCredentialView) });
export const ZDeleteConnectorCredentialInput = z.object({ connector: ZConnectorKind });
export const ZDeleteConnectorCredentialOutput = z.object({
  connector: ZConnectorKind,
  deleted: z.literal(true),
});

// ---- the procedure table ------------------------------------------------------------------------------

export const integrationContract = {
  "apiKey.create": { kind: "mutation", input: ZCreateApiKeyInput, output: ZCreateApiKeyOutput },
  "apiKey.list": { kind: "query", input: ZNone, output: ZListApiKeysOutput },
  "apiKey.revoke": { kind: "mutation", input: ZRevokeApiKeyInput, output: ZRevokeApiKeyOutput },
  "connector.setCredential": {
    kind: "mutation",
    input: ZSetConnectorCredentialInput,
    output: ZConnectorCredentialView,
  },
  "connector.listCredentials": { kind: "query", input: ZNone, output: ZListConnectorCredentialsOutput },
  "connector.deleteCredential": {
    kind: "mutation",
    input: ZDeleteConnectorCredentialInput,
    output: ZDeleteConnectorCredentialOutput,
  },
} as const satisfies Record<string, { kind: "query" | "mutation"; input: z.ZodType; output: z.ZodType }>;
