/*
 * Cross-tenant suite: every procedure of the router, called by tenant A's admin with tenant B's
 * identifiers, answers NOT_FOUND (or FORBIDDEN where the kind of resource is not secret) or returns
 * nothing of B's; and no row of tenant B changes. A new procedure fails this suite until it is listed.
 */
import { createHash } from "node:crypto";
import { type Database, DEMO_PASSWORD } from "@keel/db";
import { createTestDatabase } from "@keel/db/testing";
import { DEFAULT_ACTION_MODES } from "@keel/shared";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerWithSession, callerWithToken } from "../testing/harness";
import { appRouter } from ".";

type Caller = Awaited<ReturnType<typeof callerWithToken>>;
type B = {
  ticketId: string;
  orderId: string;
  accountId: string;
  customerId: string;
  requestId: string;
  escalationId: string;
  tokenId: string;
  auditEventId: string;
  policyVersion: number;
  aTicketId: string;
  apiKeyId: string;
  articleId: string;
  traceId: string;
};

const SECRET_MARKER = "cloudly-confidential-marker-7f3a";

let db: Database;
let attacker: Caller;
let b: B;

async function connect(email: string) {
  const caller = await callerWithToken(db, null);
  return caller.auth.connectExtension({ email, password: DEMO_PASSWORD });
}

/** A digest of every tenant-B row (ids, versions and update times): equal digests, nothing changed. */
async function fingerprint(tenantId: string): Promise<string> {
  const p = db.prisma;
  const parts = await Promise.all([
    p.ticket.findMany({
      where: { tenantId },
      select: { id: true, version: true, status: true, tags: true, queue: true },
    }),
    p.message.count({ where: { tenantId } }),
    p.customer.findMany({ where: { tenantId }, select: { id: true, version: true } }),
    p.order.findMany({
      where: { tenantId },
      select: { id: true, version: true, refundedMinor: true, status: true },
    }),
    p.customerAccount.findMany({ where: { tenantId }, select: { id: true, version: true, status: true } }),
    p.actionRequest.findMany({ where: { tenantId }, select: { id: true, status: true } }),
    p.approval.count({ where: { tenantId } }),
    p.escalation.findMany({ where: { tenantId }, select: { id: true, status: true } }),
    p.extensionToken.findMany({ where: { tenantId }, select: { id: true, revokedAt: true } }),
    p.policyDocument.findMany({ where: { tenantId }, select: { id: true, status: true } }),
    p.permissionMatrixVersion.count({ where: { tenantId } }),
    p.auditEvent.count({ where: { tenantId } }),
    p.refundLedgerEntry.count({ where: { tenantId } }),
    p.apiKey.findMany({ where: { tenantId }, select: { id: true, revokedAt: true } }),
    p.knowledgeArticle.findMany({ where: { tenantId }, select: { id: true, version: true } }),
    p.knowledgeTierPolicy.findMany({ where: { tenantId }, select: { tier: true, roles: true } }),
    p.connectorCredential.findMany({
      where: { tenantId },
      select: { id: true, ciphertext: true, updatedAt: true },
    }),
  ]);
  return createHash("sha256").update(JSON.stringify(parts)).digest("hex");
}

type Expectation = "not_found" | "forbidden" | "no_leak";
type Attack = { input: unknown; expect: Expectation };

/** Every procedure, with the tenant-B identifiers an attacker would try. */
const ATTACKS: Record<string, (b: B) => Attack[]> = {
  "auth.connectExtension": () => [
    {
      input: { email: "admin@northwind.test", password: DEMO_PASSWORD, tenantSlug: "cloudly" },
      expect: "forbidden",
    },
  ],
  "auth.whoami": () => [{ input: undefined, expect: "no_leak" }],
  "auth.revokeExtensionToken": (b) => [{ input: { tokenId: b.tokenId }, expect: "not_found" }],
  "auth.listExtensionTokens": () => [{ input: undefined, expect: "no_leak" }],
  "ticket.summarize": (b) => [{ input: { ticketId: b.ticketId }, expect: "not_found" }],
  "ticket.context": (b) => [{ input: { ticketId: b.ticketId }, expect: "not_found" }],
  "audit.list": (b) => [{ input: { limit: 50, cursor: b.auditEventId }, expect: "no_leak" }],
  "action.request": (b) => [
    {
      input: { actionId: "ticket.addTags", params: { ticketId: b.ticketId, tags: ["x"] }, confirmed: true },
      expect: "not_found",
    },
    {
      input: {
        actionId: "order.refund",
        params: { ticketId: b.aTicketId, orderId: b.orderId, amount: 1, currency: "USD" },
        confirmed: true,
      },
      expect: "not_found",
    },
    {
      input: {
        actionId: "account.revokeAccess",
        params: { ticketId: b.aTicketId, accountId: b.accountId, reason: "cross-tenant" },
        confirmed: true,
      },
      expect: "not_found",
    },
    {
      input: {
        actionId: "customer.requestVerification",
        params: { ticketId: b.aTicketId, customerId: b.customerId },
        confirmed: true,
      },
      expect: "not_found",
    },
  ],
  "action.list": (b) => [{ input: { ticketId: b.ticketId, limit: 50 }, expect: "no_leak" }],
  "action.get": (b) => [{ input: { requestId: b.requestId }, expect: "not_found" }],
  "approval.decide": (b) => [
    { input: { requestId: b.requestId, decision: "approve", reason: "cross-tenant" }, expect: "not_found" },
  ],
  "escalation.assess": (b) => [{ input: { ticketId: b.ticketId }, expect: "not_found" }],
  "escalation.create": (b) => [{ input: { ticketId: b.ticketId }, expect: "not_found" }],
  "escalation.list": (b) => [{ input: { ticketId: b.ticketId }, expect: "no_leak" }],
  "escalation.take": (b) => [{ input: { escalationId: b.escalationId }, expect: "not_found" }],
  "policy.list": () => [{ input: { kind: "policy" }, expect: "no_leak" }],
  "policy.get": (b) => [{ input: { kind: "policy", version: b.policyVersion }, expect: "not_found" }],
  "policy.saveDraft": () => [{ input: { kind: "policy", source: "", note: "x" }, expect: "no_leak" }],
  "policy.validate": () => [{ input: { kind: "policy", source: "" }, expect: "no_leak" }],
  "policy.publish": (b) => [{ input: { kind: "policy", version: b.policyVersion }, expect: "not_found" }],
  "policy.diff": (b) => [{ input: { kind: "policy", from: null, to: b.policyVersion }, expect: "not_found" }],
  "permissions.get": () => [{ input: undefined, expect: "no_leak" }],
  "permissions.update": () => [
    { input: { matrix: DEFAULT_ACTION_MODES, note: "own tenant only" }, expect: "no_leak" },
  ],
  "permissions.history": () => [{ input: undefined, expect: "no_leak" }],
  "apiKey.create": () => [
    { input: { name: "own tenant only", scopes: ["audit:export"], expiresInDays: 1 }, expect: "no_leak" },
  ],
  "apiKey.list": () => [{ input: undefined, expect: "no_leak" }],
  "apiKey.revoke": (b) => [{ input: { keyId: b.apiKeyId }, expect: "not_found" }],
  "connector.setCredential": () => [
    {
      input: {
        connector: "freshdesk",
        baseUrl: "https://northwind.freshdesk.com",
        secret: "own-tenant-only",
      },
      expect: "no_leak",
    },
  ],
  "connector.listCredentials": () => [{ input: undefined, expect: "no_leak" }],
  "connector.deleteCredential": () => [{ input: { connector: "zendesk" }, expect: "not_found" }],
  "knowledge.suggest": (b) => [{ input: { ticketId: b.ticketId }, expect: "not_found" }],
  "reply.draft": (b) => [{ input: { ticketId: b.ticketId }, expect: "not_found" }],
  "reply.feedback": (b) => [{ input: { traceId: b.traceId, verdict: "reject" }, expect: "not_found" }],
  "trace.list": (b) => [
    { input: {}, expect: "no_leak" },
    { input: { ticketId: b.ticketId }, expect: "no_leak" },
  ],
  "trace.get": (b) => [{ input: { traceId: b.traceId }, expect: "not_found" }],
  "trace.replay": (b) => [{ input: { traceId: b.traceId }, expect: "not_found" }],
  "knowledge.search": () => [{ input: { query: `${SECRET_MARKER} confidential` }, expect: "no_leak" }],
  "knowledge.list": () => [{ input: {}, expect: "no_leak" }],
  "knowledge.get": (b) => [{ input: { articleId: b.articleId }, expect: "not_found" }],
  "knowledge.save": (b) => [
    {
      input: { id: b.articleId, title: "Overwritten", body: "Overwritten by tenant A", tier: "public" },
      expect: "not_found",
    },
  ],
  "knowledge.import": () => [
    {
      input: {
        format: "jsonl",
        content: JSON.stringify({ title: "Own tenant article", body: "Lives in tenant A only." }),
      },
      expect: "no_leak",
    },
  ],
  "knowledge.tiers": () => [{ input: undefined, expect: "no_leak" }],
  "knowledge.setTier": () => [
    { input: { tier: "privileged", roles: ["supervisor", "admin"], retentionDays: 365 }, expect: "no_leak" },
  ],
};

beforeAll(async () => {
  db = await createTestDatabase();
  const cloudly = await db.prisma.tenant.findUniqueOrThrow({ where: { slug: "cloudly" } });
  const northwind = await db.prisma.tenant.findUniqueOrThrow({ where: { slug: "northwind" } });
  const account = await db.prisma.customerAccount.findFirstOrThrow({ where: { tenantId: cloudly.id } });
  const ticket = await db.prisma.ticket.findFirstOrThrow({
    where: { tenantId: cloudly.id, customerId: account.customerId },
  });

  // Tenant B's own activity: a pending request, an escalation, a token, a policy draft.
  const bAgent = await connect("agent@cloudly.test");
  const bAdmin = await connect("admin@cloudly.test");
  const asBAgent = await callerWithToken(db, bAgent.token);
  const request = await asBAgent.action.request({
    actionId: "account.revokeAccess",
    params: { ticketId: ticket.id, accountId: account.id, reason: "Customer asked to lock the workspace" },
    confirmed: true,
  });
  expect(request.status).toBe("pending_approval");
  const escalation = await asBAgent.escalation.create({ ticketId: ticket.id, note: "needs a human" });
  const replyDraft = await asBAgent.reply.draft({ ticketId: ticket.id });
  // Administration runs in the console (an extension token is scoped to the copilot's work).
  const asBAdmin = await callerWithSession(db, {
    via: "session",
    userId: bAdmin.user.id,
    sessionTenantId: bAdmin.tenant.id,
  });
  const current = await asBAdmin.policy.get({ kind: "policy", version: null });
  const draft = await asBAdmin.policy.saveDraft({
    kind: "policy",
    source: `// ${SECRET_MARKER}\n${current.source}`,
    note: SECRET_MARKER,
  });
  // Tenant B's API key, and a connector credential whose base URL carries the marker.
  const apiKey = await asBAdmin.apiKey.create({
    name: "cloudly export",
    scopes: ["audit:export"],
    expiresInDays: 30,
  });
  await asBAdmin.connector.setCredential({
    connector: "zendesk",
    baseUrl: `https://${SECRET_MARKER}.zendesk.com`,
    secret: "cloudly-zendesk-token",
  });
  // Tenant B's knowledge, public tier, carrying the marker in its title and body.
  const article = await asBAdmin.knowledge.save({
    title: `Confidential ${SECRET_MARKER}`,
    body: `Internal ${SECRET_MARKER} confidential procedure for Cloudly workspaces.`,
    tier: "public",
    tags: [],
  });
  const auditEvent = await db.prisma.auditEvent.findFirstOrThrow({ where: { tenantId: cloudly.id } });
  const order = await db.prisma.order.findFirstOrThrow({ where: { tenantId: northwind.id } });
  const aTicket = await db.prisma.ticket.findFirstOrThrow({
    where: { tenantId: northwind.id, customerId: order.customerId },
  });

  b = {
    ticketId: ticket.id,
    // An order id of tenant B does not exist in the retail demo; use tenant B's own customer and account.
    orderId:
      (await db.prisma.order.findFirst({ where: { tenantId: cloudly.id } }))?.id ?? `ord_of_${cloudly.id}`,
    accountId: account.id,
    customerId: account.customerId,
    requestId: request.id,
    escalationId: escalation.id,
    tokenId: bAgent.tokenId,
    auditEventId: auditEvent.id,
    policyVersion: draft.version,
    aTicketId: aTicket.id,
    apiKeyId: apiKey.key.id,
    articleId: article.id,
    traceId: replyDraft.traceId,
  };
  // The attacker is tenant A's admin in the console: a session holds every permission the role has, so
  // each procedure is tried with full power (a token would be refused most of them by its scope).
  const aAdmin = await connect("admin@northwind.test");
  attacker = await callerWithSession(db, {
    via: "session",
    userId: aAdmin.user.id,
    sessionTenantId: aAdmin.tenant.id,
  });
});

afterAll(async () => {
  await db?.close();
});

describe("cross-tenant access", () => {
  it("lists an attack for every procedure of the router", () => {
    const procedures = Object.keys(appRouter._def.procedures as object).sort();
    expect(Object.keys(ATTACKS).sort()).toEqual(procedures);
  });

  it("answers NOT_FOUND or FORBIDDEN, leaks nothing of tenant B, and changes no row of B", async () => {
    const cloudly = await db.prisma.tenant.findUniqueOrThrow({ where: { slug: "cloudly" } });
    const before = await fingerprint(cloudly.id);
    const bIds = [
      b.ticketId,
      b.accountId,
      b.customerId,
      b.requestId,
      b.escalationId,
      b.tokenId,
      b.auditEventId,
      b.apiKeyId,
      b.articleId,
    ];

    for (const [name, attacks] of Object.entries(ATTACKS)) {
      const [router, procedure] = name.split(".") as [string, string];
      const fn = (
        attacker as unknown as Record<string, Record<string, (input: unknown) => Promise<unknown>>>
      )[router]?.[procedure];
      expect(fn, name).toBeTypeOf("function");
      for (const attack of attacks(b)) {
        const outcome = await (fn as (input: unknown) => Promise<unknown>)(attack.input).then(
          (value) => ({ ok: true as const, value }),
          (error: unknown) => ({ ok: false as const, error }),
        );
        if (attack.expect === "no_leak") {
          if (outcome.ok) {
            const text = JSON.stringify(outcome.value);
            for (const id of bIds) expect(text, `${name} leaked ${id}`).not.toContain(id);
            expect(text, `${name} leaked B's policy`).not.toContain(SECRET_MARKER);
          } else {
            // Refusing is as good as not leaking, but only with a client error.
            expect(outcome.error, name).toBeInstanceOf(TRPCError);
            expect(["BAD_REQUEST", "FORBIDDEN", "NOT_FOUND"], name).toContain(
              (outcome.error as TRPCError).code,
            );
          }
          continue;
        }
        expect(outcome.ok, `${name} should refuse`).toBe(false);
        const error = (outcome as { error: unknown }).error;
        expect(error, name).toBeInstanceOf(TRPCError);
        expect((error as TRPCError).code, name).toBe(
          attack.expect === "not_found" ? "NOT_FOUND" : "FORBIDDEN",
        );
      }
    }

    expect(await fingerprint(cloudly.id)).toBe(before);
  });
});
