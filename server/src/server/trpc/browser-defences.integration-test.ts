/*
 * Browser-facing defences (docs/decisions/008), through the real /api/trpc handler (CORS + tRPC fetch
 * adapter + context + router) on a real database: CORS, CSRF on cookie writes, refused revoked/expired
 * tokens, and tenant spoofing. Every refusal that names a caller is one `security.refused` event in
 * the caller's (or token's) tenant and none in the other. The session cookie is a real next-auth JWT.
 */
import { type Database, DEMO_PASSWORD } from "@keel/db";
import { createTestDatabase } from "@keel/db/testing";
import { TRPCError } from "@trpc/server";
import { decode, encode } from "next-auth/jwt";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import type { TIdentity } from "../actor";
import { callerWithSession, callerWithToken } from "../testing/harness";
import { createTrpcHttpHandler } from "./http";
import { createContext } from "./init";
import { TENANT_HEADERS, TENANT_SPOOF_MESSAGE } from "./tenant-spoof";

const SELF = "http://localhost:3000";
const EXT = "chrome-extension://nigadlialekdhjblblecojcfgpjpaodn";
const EVIL = "https://evil.example";
const AUTH_SECRET = "integration-test-nextauth-secret";
const SESSION_COOKIE = "next-auth.session-token";

let db: Database;
let handler: (req: Request) => Promise<Response>;
const tenants: Record<"northwind" | "cloudly", string> = { northwind: "", cloudly: "" };

/** Reads the console's session cookie the way next-auth does (a signed, encrypted JWT). */
async function sessionFromCookie(req: Request): Promise<TIdentity | null> {
  const cookie = req.headers.get("cookie") ?? "";
  const value = cookie
    .split(";")
    .map((part) => part.trim().split("="))
    .find(([name]) => name === SESSION_COOKIE)?.[1];
  if (!value) return null;
  const token = await decode({ token: value, secret: AUTH_SECRET });
  if (typeof token?.keelUserId !== "string") return null;
  return {
    via: "session",
    userId: token.keelUserId,
    sessionTenantId: typeof token.keelTenantId === "string" ? token.keelTenantId : null,
  };
}

async function sessionCookieFor(email: string): Promise<string> {
  const user = await db.prisma.user.findUniqueOrThrow({ where: { email } });
  const membership = await db.prisma.membership.findFirstOrThrow({ where: { userId: user.id } });
  const jwt = await encode({
    token: { keelUserId: user.id, keelTenantId: membership.tenantId, email },
    secret: AUTH_SECRET,
  });
  return `${SESSION_COOKIE}=${jwt}`;
}

async function connect(email: string, tenantSlug?: string) {
  const caller = await callerWithToken(db, null);
  return caller.auth.connectExtension({ email, password: DEMO_PASSWORD, tenantSlug, label: "defences test" });
}

type Call = { method?: "GET" | "POST" | "OPTIONS"; input?: unknown; headers?: Record<string, string> };

async function call(procedure: string, { method = "GET", input, headers = {} }: Call = {}) {
  let url = `${SELF}/api/trpc/${procedure}`;
  if (method === "GET" && input !== undefined) url += `?input=${encodeURIComponent(JSON.stringify(input))}`;
  const init: RequestInit = { method, headers: { host: "localhost:3000", ...headers } };
  if (method === "POST") {
    init.body = JSON.stringify(input ?? {});
    (init.headers as Record<string, string>)["content-type"] = "application/json";
  }
  const response = await handler(new Request(url, init));
  const text = await response.text();
  return {
    response,
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, never>) : null,
  };
}

function errorOf(body: unknown): { message: string; data: { code: string } } {
  return (body as { error: { message: string; data: { code: string } } }).error;
}

/** security.refused events of a tenant (optionally of one kind), oldest first. */
async function securityEvents(tenant: keyof typeof tenants, kind?: string) {
  const events = await db.prisma.auditEvent.findMany({
    where: { tenantId: tenants[tenant], action: "security.refused" },
    orderBy: { createdAt: "asc" },
  });
  return kind ? events.filter((e) => (e.metadata as { kind?: string }).kind === kind) : events;
}

/** Runs `attempt` and returns how many security.refused events each tenant gained. */
async function eventsAdded(attempt: () => Promise<unknown>) {
  const before = {
    northwind: (await securityEvents("northwind")).length,
    cloudly: (await securityEvents("cloudly")).length,
  };
  await attempt();
  return {
    northwind: (await securityEvents("northwind")).length - before.northwind,
    cloudly: (await securityEvents("cloudly")).length - before.cloudly,
  };
}

async function tokenRevokedAt(tokenId: string) {
  return (await db.prisma.extensionToken.findUniqueOrThrow({ where: { id: tokenId } })).revokedAt;
}

beforeAll(async () => {
  db = await createTestDatabase();
  for (const slug of ["northwind", "cloudly"] as const)
    tenants[slug] = (await db.prisma.tenant.findUniqueOrThrow({ where: { slug } })).id;
  handler = createTrpcHttpHandler({
    database: async () => db,
    createContext: (req) =>
      createContext({
        db,
        headers: req.headers,
        method: req.method,
        sessionIdentity: () => sessionFromCookie(req),
        selfOrigin: [SELF],
      }),
    sessionIdentity: sessionFromCookie,
    policy: () => ({ self: [SELF], extensions: [EXT] }),
  });
});
afterAll(async () => {
  await db?.close();
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("CORS", () => {
  it("answers a preflight from an allowed extension origin with the allow headers", async () => {
    const { status, response } = await call("action.request", {
      method: "OPTIONS",
      headers: {
        origin: EXT,
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization, content-type",
      },
    });
    expect(status).toBe(204);
    expect(response.headers.get("access-control-allow-origin")).toBe(EXT);
    expect(response.headers.get("access-control-allow-methods")).toContain("POST");
    expect(response.headers.get("access-control-allow-headers")).toContain("authorization");
    expect(response.headers.get("access-control-allow-headers")).toContain("x-keel-csrf");
    expect(response.headers.get("access-control-allow-credentials")).toBeNull();
    expect(response.headers.get("vary")).toContain("Origin");
  });

  it("refuses a preflight from a foreign origin with 403 and a JSON error", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const added = await eventsAdded(async () => {
      const { status, response, body } = await call("action.request", {
        method: "OPTIONS",
        headers: { origin: EVIL, "access-control-request-method": "POST" },
      });
      expect(status).toBe(403);
      expect(response.headers.get("access-control-allow-origin")).toBeNull();
      expect(errorOf(body).data.code).toBe("FORBIDDEN");
      expect(errorOf(body).message).toBe("Origin https://evil.example may not call the Keel API.");
    });
    // A preflight carries no credential: nobody to audit, so a structured log line instead.
    expect(added).toEqual({ northwind: 0, cloudly: 0 });
    expect(warn).toHaveBeenCalledTimes(1);
    const line = JSON.parse(String(warn.mock.calls[0]?.[0]));
    expect(line).toMatchObject({ event: "security.refused", kind: "cors", origin: EVIL, method: "OPTIONS" });
  });

  it("serves a bearer call from the extension's origin, with the allow-origin header", async () => {
    const { token } = await connect("agent@northwind.test");
    const { status, response, body } = await call("auth.whoami", {
      headers: { origin: EXT, authorization: `Bearer ${token}` },
    });
    expect(status).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe(EXT);
    expect(body).toMatchObject({
      result: { data: { via: "extension_token", tenant: { slug: "northwind" } } },
    });
  });

  it("refuses a bearer write from a foreign origin before any procedure runs, audited in the token's tenant", async () => {
    const { token, tokenId } = await connect("supervisor@northwind.test");
    const added = await eventsAdded(async () => {
      const { status, body } = await call("auth.revokeExtensionToken", {
        method: "POST",
        input: {},
        headers: { origin: EVIL, authorization: `Bearer ${token}` },
      });
      expect(status).toBe(403);
      expect(errorOf(body).data.code).toBe("FORBIDDEN");
    });
    // The procedure never ran: the token is still live and no revoke was audited.
    expect(await tokenRevokedAt(tokenId)).toBeNull();
    expect(
      await db.prisma.auditEvent.count({ where: { action: "extension_token.revoke", targetId: tokenId } }),
    ).toBe(0);
    expect(added).toEqual({ northwind: 1, cloudly: 0 });
    const [event] = (await securityEvents("northwind", "cors")).slice(-1);
    expect(event).toMatchObject({
      actorType: "user:extension",
      targetType: "route",
      targetId: "/api/trpc/auth.revokeExtensionToken",
      outcome: "denied",
    });
    expect(event?.metadata).toMatchObject({ kind: "cors", resourceId: EVIL });
  });

  it("refuses a cookie call from a foreign origin, audited in the session's tenant", async () => {
    const cookie = await sessionCookieFor("admin@cloudly.test");
    const added = await eventsAdded(async () => {
      const { status } = await call("auth.whoami", { headers: { origin: EVIL, cookie } });
      expect(status).toBe(403);
    });
    expect(added).toEqual({ northwind: 0, cloudly: 1 });
    const [event] = (await securityEvents("cloudly", "cors")).slice(-1);
    expect(event).toMatchObject({ actorType: "user:session", actorLabel: "admin@cloudly.test" });
  });
});

describe("CSRF on cookie-authenticated writes", () => {
  it("refuses a write without the x-keel-csrf header, audited once in the session's tenant", async () => {
    const { tokenId } = await connect("agent@cloudly.test");
    const cookie = await sessionCookieFor("agent@cloudly.test");
    const added = await eventsAdded(async () => {
      const { status, body } = await call("auth.revokeExtensionToken", {
        method: "POST",
        input: { tokenId },
        headers: { origin: SELF, "sec-fetch-site": "same-origin", cookie },
      });
      expect(status).toBe(401);
      expect(errorOf(body).message).toBe("Cross-site request refused.");
    });
    expect(await tokenRevokedAt(tokenId)).toBeNull();
    expect(added).toEqual({ northwind: 0, cloudly: 1 });
    const [event] = (await securityEvents("cloudly", "csrf")).slice(-1);
    expect(event).toMatchObject({
      actorType: "user:session",
      actorLabel: "agent@cloudly.test",
      outcome: "denied",
    });
    expect(event?.reason).toContain("x-keel-csrf");
  });

  it("refuses a write that has neither Origin nor Sec-Fetch-Site, even with the header", async () => {
    const { tokenId } = await connect("supervisor@cloudly.test");
    const cookie = await sessionCookieFor("supervisor@cloudly.test");
    const added = await eventsAdded(async () => {
      const { status } = await call("auth.revokeExtensionToken", {
        method: "POST",
        input: { tokenId },
        headers: { "x-keel-csrf": "1", cookie },
      });
      expect(status).toBe(401);
    });
    expect(await tokenRevokedAt(tokenId)).toBeNull();
    expect(added).toEqual({ northwind: 0, cloudly: 1 });
  });

  it("accepts the console's own write (same origin and the header), with or without an Origin header", async () => {
    const cookie = await sessionCookieFor("agent@northwind.test");
    const first = await connect("agent@northwind.test");
    const second = await connect("agent@northwind.test");
    const added = await eventsAdded(async () => {
      const withOrigin = await call("auth.revokeExtensionToken", {
        method: "POST",
        input: { tokenId: first.tokenId },
        headers: { origin: SELF, "x-keel-csrf": "1", cookie },
      });
      expect(withOrigin.status).toBe(200);
      const withFetchSite = await call("auth.revokeExtensionToken", {
        method: "POST",
        input: { tokenId: second.tokenId },
        headers: { "sec-fetch-site": "same-origin", "x-keel-csrf": "1", cookie },
      });
      expect(withFetchSite.status).toBe(200);
    });
    expect(await tokenRevokedAt(first.tokenId)).not.toBeNull();
    expect(await tokenRevokedAt(second.tokenId)).not.toBeNull();
    expect(added).toEqual({ northwind: 0, cloudly: 0 });
  });

  it("lets cookie reads through without the header", async () => {
    const cookie = await sessionCookieFor("auditor@northwind.test");
    const { status, body } = await call("auth.whoami", { headers: { cookie } });
    expect(status).toBe(200);
    expect(body).toMatchObject({ result: { data: { via: "session", role: "auditor" } } });
  });

  it("does not apply to bearer calls: a write with no Origin and no header works", async () => {
    const { token, tokenId } = await connect("admin@northwind.test");
    const added = await eventsAdded(async () => {
      const { status } = await call("auth.revokeExtensionToken", {
        method: "POST",
        input: {},
        headers: { authorization: `Bearer ${token}` },
      });
      expect(status).toBe(200);
    });
    expect(await tokenRevokedAt(tokenId)).not.toBeNull();
    expect(added).toEqual({ northwind: 0, cloudly: 0 });
  });
});

describe("revoked and expired tokens", () => {
  it("refuses a revoked token and audits it once per minute in the token's tenant", async () => {
    const { token, tokenId } = await connect("agent@cloudly.test");
    await db.prisma.extensionToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } });
    const added = await eventsAdded(async () => {
      for (let i = 0; i < 3; i++) {
        const { status, body } = await call("auth.whoami", { headers: { authorization: `Bearer ${token}` } });
        expect(status).toBe(401);
        expect(errorOf(body).data.code).toBe("UNAUTHORIZED");
      }
    });
    expect(added).toEqual({ northwind: 0, cloudly: 1 });
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: "agent@cloudly.test" } });
    const [event] = (await securityEvents("cloudly", "revoked_credential")).slice(-1);
    expect(event).toMatchObject({
      actorType: "user:extension",
      actorId: user.id,
      targetType: "extension_token",
      targetId: tokenId,
      outcome: "denied",
    });
    // The secret never reaches the log.
    expect(JSON.stringify(event)).not.toContain(token);
  });

  it("refuses an expired token and audits it as expired", async () => {
    const { token, tokenId } = await connect("supervisor@northwind.test");
    await db.prisma.extensionToken.update({
      where: { id: tokenId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const added = await eventsAdded(async () => {
      const caller = await callerWithToken(db, token);
      await expect(caller.auth.whoami()).rejects.toMatchObject({ code: "UNAUTHORIZED" });
    });
    expect(added).toEqual({ northwind: 1, cloudly: 0 });
    const [event] = (await securityEvents("northwind", "expired_credential")).slice(-1);
    expect(event).toMatchObject({ targetId: tokenId, actorType: "user:extension" });
  });

  it("refuses an unknown token without auditing anywhere (it belongs to no tenant)", async () => {
    const added = await eventsAdded(async () => {
      const { status } = await call("auth.whoami", {
        headers: { authorization: "Bearer keel_ext_not-a-real-token" },
      });
      expect(status).toBe(401);
    });
    expect(added).toEqual({ northwind: 0, cloudly: 0 });
  });
});

describe("tenant spoofing", () => {
  it.each(TENANT_HEADERS)(
    "refuses a %s header naming another tenant, audited in the caller's tenant",
    async (name) => {
      const { token } = await connect("agent@northwind.test");
      const before = (await securityEvents("northwind", "tenant_spoof")).length;
      const added = await eventsAdded(async () => {
        const { status, body } = await call("auth.whoami", {
          headers: { authorization: `Bearer ${token}`, [name]: tenants.cloudly },
        });
        expect(status).toBe(403);
        expect(errorOf(body).message).toBe(TENANT_SPOOF_MESSAGE);
      });
      expect(added).toEqual({ northwind: 1, cloudly: 0 });
      const events = await securityEvents("northwind", "tenant_spoof");
      expect(events).toHaveLength(before + 1);
      expect(events.at(-1)).toMatchObject({ targetType: "procedure", targetId: "auth.whoami" });
      expect(events.at(-1)?.metadata).toMatchObject({ kind: "tenant_spoof", resourceId: tenants.cloudly });
    },
  );

  it("passes a tenant header that names the caller's own tenant", async () => {
    const { token } = await connect("agent@northwind.test");
    const added = await eventsAdded(async () => {
      const { status } = await call("auth.whoami", {
        headers: { authorization: `Bearer ${token}`, "x-keel-tenant": "northwind" },
      });
      expect(status).toBe(200);
    });
    expect(added).toEqual({ northwind: 0, cloudly: 0 });
  });

  it("refuses a tenantId in a query's input over HTTP, audited once", async () => {
    const { token } = await connect("agent@cloudly.test");
    const ticket = await db.prisma.ticket.findFirstOrThrow({ where: { tenantId: tenants.cloudly } });
    const added = await eventsAdded(async () => {
      const { status, body } = await call("ticket.summarize", {
        input: { ticketId: ticket.id, tenantId: tenants.northwind },
        headers: { authorization: `Bearer ${token}` },
      });
      expect(status).toBe(403);
      expect(errorOf(body).message).toBe(TENANT_SPOOF_MESSAGE);
    });
    expect(added).toEqual({ northwind: 0, cloudly: 1 });
    // Refused before the procedure: the summary was not produced (no ticket.summarize audit event).
    expect(
      await db.prisma.auditEvent.count({ where: { action: "ticket.summarize", targetId: ticket.id } }),
    ).toBe(0);
  });

  it.each(["tenant", "tenantSlug"])(
    "refuses a %s key in a mutation's input from the console",
    async (key) => {
      const user = await db.prisma.user.findUniqueOrThrow({ where: { email: "supervisor@northwind.test" } });
      const caller = await callerWithSession(db, {
        via: "session",
        userId: user.id,
        sessionTenantId: tenants.northwind,
      });
      const ticket = await db.prisma.ticket.findFirstOrThrow({ where: { tenantId: tenants.northwind } });
      const escalationsBefore = await db.prisma.escalation.count({ where: { ticketId: ticket.id } });
      const added = await eventsAdded(async () => {
        const error = await caller.escalation
          // biome-ignore lint/suspicious/noExplicitAny: the attack sends a key the contract does not have.
          .create({ ticketId: ticket.id, [key]: "cloudly" } as any)
          .then(
            () => null,
            (e: unknown) => e,
          );
        expect(error).toBeInstanceOf(TRPCError);
        expect(error).toMatchObject({ code: "FORBIDDEN", message: TENANT_SPOOF_MESSAGE });
      });
      expect(added).toEqual({ northwind: 1, cloudly: 0 });
      expect(await db.prisma.escalation.count({ where: { ticketId: ticket.id } })).toBe(escalationsBefore);
    },
  );

  it("still lets auth.connectExtension choose a membership with tenantSlug", async () => {
    const result = await connect("agent@northwind.test", "northwind");
    expect(result.tenant.slug).toBe("northwind");
  });
});
