import type { Database } from "@keel/db";
import { DEMO_PASSWORD } from "@keel/db";
import { createTestDatabase } from "@keel/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerWithSession, callerWithToken } from "../testing/harness";

let db: Database;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

async function connect(email: string, password = DEMO_PASSWORD) {
  const caller = await callerWithToken(db, null);
  return caller.auth.connectExtension({ email, password, label: "integration test" });
}

async function tenantId(slug: string) {
  const tenant = await db.prisma.tenant.findUniqueOrThrow({ where: { slug } });
  return tenant.id;
}

async function firstTicket(slug: string) {
  return db.prisma.ticket.findFirstOrThrow({
    where: { tenantId: await tenantId(slug) },
    orderBy: { number: "asc" },
    include: { messages: true },
  });
}

async function expectTrpcError(promise: Promise<unknown>, code: TRPCError["code"]) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  expect((error as TRPCError).code).toBe(code);
  return error as TRPCError;
}

describe("extension connect flow", () => {
  it("issues a token bound to the user's tenant, stored only as a hash", async () => {
    const result = await connect("agent@northwind.test");
    expect(result.tenant.slug).toBe("northwind");
    expect(result.role).toBe("agent");
    expect(result.token).toMatch(/^keel_ext_/);
    const row = await db.prisma.extensionToken.findUniqueOrThrow({ where: { id: result.tokenId } });
    expect(row.tokenHash).not.toContain(result.token);
    expect(row.tokenHash).toHaveLength(64);
    expect(row.expiresAt.getTime()).toBeGreaterThan(Date.now());

    const me = await (await callerWithToken(db, result.token)).auth.whoami();
    expect(me).toMatchObject({ via: "extension_token", role: "agent", tenant: { slug: "northwind" } });
  });

  it("refuses a wrong password without saying which part was wrong", async () => {
    const error = await expectTrpcError(connect("agent@northwind.test", "not-the-password"), "UNAUTHORIZED");
    expect(error.message).toBe("E-mail or password is incorrect.");
    await expectTrpcError(connect("nobody@northwind.test"), "UNAUTHORIZED");
  });

  it("revokes the calling token on sign-out; the token then stops working", async () => {
    const { token, tokenId } = await connect("agent@cloudly.test");
    const caller = await callerWithToken(db, token);
    const revoked = await caller.auth.revokeExtensionToken({});
    expect(revoked.tokenId).toBe(tokenId);
    await expectTrpcError((await callerWithToken(db, token)).auth.whoami(), "UNAUTHORIZED");
    const audit = await db.prisma.auditEvent.findFirst({
      where: { action: "extension_token.revoke", targetId: tokenId },
    });
    expect(audit?.outcome).toBe("success");
  });

  it("refuses expired, unknown and malformed tokens", async () => {
    const { token, tokenId } = await connect("supervisor@northwind.test");
    await db.prisma.extensionToken.update({
      where: { id: tokenId },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    await expectTrpcError((await callerWithToken(db, token)).auth.whoami(), "UNAUTHORIZED");
    await expectTrpcError((await callerWithToken(db, "keel_ext_nope")).auth.whoami(), "UNAUTHORIZED");
    await expectTrpcError((await callerWithToken(db, "")).auth.whoami(), "UNAUTHORIZED");
  });
});

describe("ticket.summarize", () => {
  it("summarizes a ticket of the caller's tenant, citing its messages, and audits the read", async () => {
    const { token, user } = await connect("agent@northwind.test");
    const ticket = await firstTicket("northwind");
    const summary = await (await callerWithToken(db, token)).ticket.summarize({ ticketId: ticket.id });

    expect(summary.ticket.id).toBe(ticket.id);
    expect(summary.sentences.length).toBeGreaterThan(0);
    const messageIds = new Set(ticket.messages.map((m) => m.id));
    for (const sentence of summary.sentences) {
      for (const id of sentence.citations) expect(messageIds.has(id)).toBe(true);
      const cited = ticket.messages.find((m) => m.id === sentence.citations[0]);
      expect(cited?.body.replace(/\s+/g, " ")).toContain(sentence.text.replace(/\s+/g, " "));
    }
    expect(summary.citations.every((c) => messageIds.has(c.messageId))).toBe(true);

    const audit = await db.prisma.auditEvent.findFirst({
      where: { action: "ticket.summarize", targetId: ticket.id, actorId: user.id },
      orderBy: { createdAt: "desc" },
    });
    expect(audit).toMatchObject({
      outcome: "success",
      tenantId: ticket.tenantId,
      actorLabel: "agent@northwind.test",
    });
  });

  it("answers NOT_FOUND for another tenant's ticket, audits the attempt in the caller's tenant only", async () => {
    const { token, user } = await connect("agent@northwind.test");
    const foreign = await firstTicket("cloudly");
    const before = await db.prisma.auditEvent.count({ where: { tenantId: foreign.tenantId } });

    const error = await expectTrpcError(
      (await callerWithToken(db, token)).ticket.summarize({ ticketId: foreign.id }),
      "NOT_FOUND",
    );
    expect(error.message).toBe("Ticket not found in your workspace.");

    const denied = await db.prisma.auditEvent.findFirst({
      where: { action: "ticket.summarize", targetId: foreign.id, actorId: user.id },
    });
    expect(denied).toMatchObject({ outcome: "not_found", tenantId: await tenantId("northwind") });
    expect(await db.prisma.auditEvent.count({ where: { tenantId: foreign.tenantId } })).toBe(before);
  });

  it("rejects bad input with BAD_REQUEST and a clear message, writing nothing", async () => {
    const { token } = await connect("agent@northwind.test");
    const before = await db.prisma.auditEvent.count();
    const caller = await callerWithToken(db, token);
    const error = await expectTrpcError(caller.ticket.summarize({ ticketId: "" }), "BAD_REQUEST");
    expect(error.message).toMatch(/ticketId/);
    await expectTrpcError(caller.ticket.summarize({} as { ticketId: string }), "BAD_REQUEST");
    expect(await db.prisma.auditEvent.count()).toBe(before);
  });

  it("refuses roles without the action (auditor) and audits the refusal", async () => {
    const { token, user } = await connect("auditor@northwind.test");
    const ticket = await firstTicket("northwind");
    await expectTrpcError(
      (await callerWithToken(db, token)).ticket.summarize({ ticketId: ticket.id }),
      "FORBIDDEN",
    );
    const denied = await db.prisma.auditEvent.findFirst({
      where: { action: "auth.permission_denied", actorId: user.id },
    });
    expect(denied?.outcome).toBe("denied");
  });

  it("requires a credential", async () => {
    const ticket = await firstTicket("northwind");
    await expectTrpcError(
      (await callerWithToken(db, null)).ticket.summarize({ ticketId: ticket.id }),
      "UNAUTHORIZED",
    );
  });
});

describe("console session", () => {
  it("binds a session to the user's membership; the audit log needs audit.read", async () => {
    const agent = await db.prisma.user.findUniqueOrThrow({ where: { email: "agent@cloudly.test" } });
    const supervisor = await db.prisma.user.findUniqueOrThrow({
      where: { email: "supervisor@cloudly.test" },
    });
    const cloudly = await tenantId("cloudly");

    const asAgent = await callerWithSession(db, {
      via: "session",
      userId: agent.id,
      sessionTenantId: cloudly,
    });
    await expectTrpcError(asAgent.audit.list({ limit: 10 }), "FORBIDDEN");

    const asSupervisor = await callerWithSession(db, {
      via: "session",
      userId: supervisor.id,
      sessionTenantId: cloudly,
    });
    const page = await asSupervisor.audit.list({ limit: 10 });
    expect(page.events.length).toBeGreaterThan(0);
    for (const event of page.events) {
      const row = await db.prisma.auditEvent.findUniqueOrThrow({ where: { id: event.id } });
      expect(row.tenantId).toBe(cloudly);
    }
  });

  it("a session naming a tenant the user is not a member of resolves to nobody", async () => {
    const agent = await db.prisma.user.findUniqueOrThrow({ where: { email: "agent@cloudly.test" } });
    const caller = await callerWithSession(db, {
      via: "session",
      userId: agent.id,
      sessionTenantId: await tenantId("northwind"),
    });
    await expectTrpcError(caller.auth.whoami(), "UNAUTHORIZED");
  });
});

describe("extension token scopes", () => {
  it("an admin's extension token carries the copilot scope only: console administration is refused and audited", async () => {
    const admin = await connect("admin@northwind.test");
    const row = await db.prisma.extensionToken.findUniqueOrThrow({ where: { id: admin.tokenId } });
    expect(row.scopes).toEqual(["copilot"]);
    const caller = await callerWithToken(db, admin.token);

    // Sidebar work is in scope.
    const current = await caller.permissions.get();
    expect(current.matrix).toBeTruthy();

    // Administration is not, although the role has it (the same call with a console session works).
    const before = await db.prisma.permissionMatrixVersion.count({ where: { tenantId: admin.tenant.id } });
    const refused = await expectTrpcError(
      caller.permissions.update({ matrix: current.matrix, note: "from a token" }),
      "FORBIDDEN",
    );
    expect(refused.message).toMatch(/not scoped/);
    expect(await db.prisma.permissionMatrixVersion.count({ where: { tenantId: admin.tenant.id } })).toBe(
      before,
    );
    const audit = await db.prisma.auditEvent.findFirst({
      where: { tenantId: admin.tenant.id, action: "auth.permission_denied", targetId: "permissions.update" },
      orderBy: { seq: "desc" },
    });
    expect(audit?.reason).toMatch(/token scopes \(copilot\) do not include permissions.manage/);

    const session = await callerWithSession(db, {
      via: "session",
      userId: admin.user.id,
      sessionTenantId: admin.tenant.id,
    });
    await expect(
      session.permissions.update({ matrix: current.matrix, note: "from the console" }),
    ).resolves.toBeTruthy();
  });
});
