import type { Database } from "@keel/db";
import { createTestDatabase } from "@keel/db/testing";
import { DEFAULT_ACTION_MODES, type TPermissionMatrix, type TRole } from "@keel/shared";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CHARTER_SOURCE } from "../policy/charter";
import { DEFAULT_POLICY_SOURCE } from "../policy/defaults/default-policy";
import { decidePolicy } from "../policy/engine";
import { getEffectiveMatrix } from "../services/permissions";
import { getPublished, getPublishedCharter } from "../services/policies";
import { callerWithSession } from "../testing/harness";

let db: Database;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

async function tenantId(slug: string) {
  return (await db.prisma.tenant.findUniqueOrThrow({ where: { slug } })).id;
}

async function as(role: TRole, slug = "northwind") {
  const user = await db.prisma.user.findUniqueOrThrow({ where: { email: `${role}@${slug}.test` } });
  return callerWithSession(db, { via: "session", userId: user.id, sessionTenantId: await tenantId(slug) });
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

/** The built-in policy with refunds by supervisors capped lower: a realistic tenant edit. */
const STRICTER = DEFAULT_POLICY_SOURCE.replace(
  "when { context.amountMinor <= 5000 };",
  "when { context.amountMinor <= 2000 };",
).replace(
  'unless { principal == Keel::Role::"supervisor" && context.amountMinor <= 5000 };',
  'unless { principal == Keel::Role::"supervisor" && context.amountMinor <= 2000 };',
);

function refundBySupervisor(
  tenant: string,
  policy: { version: number | null; source: string },
  amount: number,
) {
  return decidePolicy({
    tenantId: tenant,
    policy,
    principal: { userId: "usr_x", role: "supervisor" },
    action: "order.refund",
    risk: "high",
    params: {},
    context: {
      amount,
      currency: "USD",
      customerVerified: true,
      customerTier: "standard",
      rolloutMode: "controlled",
    },
  });
}

describe("policy documents", () => {
  it("validates, saves drafts, publishes, and archives the version published before", async () => {
    const admin = await as("admin");
    const northwind = await tenantId("northwind");

    expect(await admin.policy.list({ kind: "policy" })).toEqual({
      kind: "policy",
      versions: [],
      publishedVersion: null,
    });
    expect(await getPublished(db, northwind, "policy")).toEqual({
      version: null,
      source: DEFAULT_POLICY_SOURCE,
    });

    const check = await admin.policy.validate({ kind: "policy", source: STRICTER });
    expect(check).toMatchObject({ valid: true, errors: [] });

    const v1 = await admin.policy.saveDraft({
      kind: "policy",
      source: DEFAULT_POLICY_SOURCE,
      note: "start from the default",
    });
    expect(v1).toMatchObject({ version: 1, status: "draft", note: "start from the default" });
    expect(v1.createdBy).toMatch(/admin@northwind\.test/);
    await admin.policy.publish({ kind: "policy", version: 1 });

    const v2 = await admin.policy.saveDraft({ kind: "policy", source: STRICTER, note: "supervisors: 20" });
    expect(v2.version).toBe(2);
    // A draft changes nothing in force.
    expect((await getPublished(db, northwind, "policy")).version).toBe(1);

    const published = await admin.policy.publish({ kind: "policy", version: 2 });
    expect(published).toMatchObject({ version: 2, status: "published" });
    expect(published.publishedBy).toMatch(/admin@northwind\.test/);

    const list = await admin.policy.list({ kind: "policy" });
    expect(list.publishedVersion).toBe(2);
    expect(list.versions.map((v) => [v.version, v.status])).toEqual([
      [2, "published"],
      [1, "archived"],
    ]);

    const inForce = await getPublished(db, northwind, "policy");
    expect(inForce).toEqual({ version: 2, source: STRICTER });
    expect(refundBySupervisor(northwind, inForce, 30).effect).toBe("require_approval");
    expect(refundBySupervisor(northwind, inForce, 15).effect).toBe("allow");

    const events = await db.prisma.auditEvent.findMany({
      where: { tenantId: northwind, action: { in: ["policy.draft_saved", "policy.published"] } },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => [e.action, e.outcome])).toEqual([
      ["policy.draft_saved", "success"],
      ["policy.published", "success"],
      ["policy.draft_saved", "success"],
      ["policy.published", "success"],
    ]);
    expect(events[3]?.metadata).toMatchObject({ kind: "policy", version: 2, archivedVersion: 1 });

    // Rolling back: republishing the archived version archives the current one.
    await admin.policy.publish({ kind: "policy", version: 1 });
    expect((await admin.policy.list({ kind: "policy" })).versions.map((v) => v.status)).toEqual([
      "archived",
      "published",
    ]);
    await expectTrpcError(admin.policy.publish({ kind: "policy", version: 1 }), "BAD_REQUEST");
  });

  it("shows a line diff between two versions, or against the built-in default", async () => {
    const admin = await as("admin");
    const diff = await admin.policy.diff({ kind: "policy", from: 1, to: 2 });
    expect(diff.added).toBe(2);
    expect(diff.removed).toBe(2);
    const removed = diff.lines.filter((l) => l.type === "removed").map((l) => l.text.trim());
    expect(removed).toContain("when { context.amountMinor <= 5000 };");
    const added = diff.lines.find((l) => l.type === "added");
    expect(added?.toLine).toBeGreaterThan(1);
    expect((await admin.policy.diff({ kind: "policy", from: null, to: 1 })).added).toBe(0);
  });

  it("refuses invalid Cedar with its line and column, saving and auditing nothing", async () => {
    const admin = await as("admin");
    const northwind = await tenantId("northwind");
    const broken = '@id("x")\npermit (principal, action, resource)\n  when { context.amountMinor > };';
    const docs = await db.prisma.policyDocument.count();
    const audits = await db.prisma.auditEvent.count({ where: { tenantId: northwind } });

    const check = await admin.policy.validate({ kind: "policy", source: broken });
    expect(check.valid).toBe(false);
    expect(check.errors[0]).toMatchObject({ line: 3 });

    const error = await expectTrpcError(
      admin.policy.saveDraft({ kind: "policy", source: broken }),
      "BAD_REQUEST",
    );
    expect(error.message).toMatch(/^The policy is invalid\. line 3, column \d+: /);

    const typo = await expectTrpcError(
      admin.policy.saveDraft({
        kind: "policy",
        source: '@id("typo")\npermit (principal, action == Keel::Action::"order.refnd", resource);',
      }),
      "BAD_REQUEST",
    );
    expect(typo.message).toMatch(/line 2, column \d+: unrecognized action/);

    expect(await db.prisma.policyDocument.count()).toBe(docs);
    expect(await db.prisma.auditEvent.count({ where: { tenantId: northwind } })).toBe(audits);
  });

  it("lets supervisors and auditors read but not publish; the refusal is audited; agents cannot read", async () => {
    const northwind = await tenantId("northwind");
    for (const role of ["supervisor", "auditor"] as const) {
      const caller = await as(role);
      expect((await caller.policy.list({ kind: "policy" })).versions.length).toBeGreaterThan(0);
      const before = await db.prisma.policyDocument.findMany({
        where: { tenantId: northwind },
        orderBy: { version: "asc" },
      });
      await expectTrpcError(caller.policy.publish({ kind: "policy", version: 2 }), "FORBIDDEN");
      await expectTrpcError(
        caller.policy.saveDraft({ kind: "policy", source: DEFAULT_POLICY_SOURCE }),
        "FORBIDDEN",
      );
      expect(
        await db.prisma.policyDocument.findMany({
          where: { tenantId: northwind },
          orderBy: { version: "asc" },
        }),
      ).toEqual(before);
      const user = await db.prisma.user.findUniqueOrThrow({ where: { email: `${role}@northwind.test` } });
      const denied = await db.prisma.auditEvent.findFirst({
        where: {
          tenantId: northwind,
          actorId: user.id,
          action: "auth.permission_denied",
          targetId: "policy.publish",
        },
      });
      expect(denied?.outcome).toBe("denied");
    }
    await expectTrpcError((await as("agent")).policy.list({ kind: "policy" }), "FORBIDDEN");
  });

  it("keeps tenants apart: another tenant's version is NOT_FOUND to read, diff or publish", async () => {
    const cloudlyAdmin = await as("admin", "cloudly");
    const cloudly = await tenantId("cloudly");
    const northwind = await tenantId("northwind");
    for (let i = 0; i < 3; i += 1) {
      await cloudlyAdmin.policy.saveDraft({
        kind: "policy",
        source: DEFAULT_POLICY_SOURCE,
        note: `cloudly ${i}`,
      });
    }
    // Northwind has versions 1-2; cloudly's version 3 does not exist for northwind.
    const northwindAdmin = await as("admin");
    const cloudlyBefore = await db.prisma.policyDocument.findMany({
      where: { tenantId: cloudly },
      orderBy: { version: "asc" },
    });
    const cloudlyAuditBefore = await db.prisma.auditEvent.count({ where: { tenantId: cloudly } });

    await expectTrpcError(northwindAdmin.policy.get({ kind: "policy", version: 3 }), "NOT_FOUND");
    await expectTrpcError(northwindAdmin.policy.diff({ kind: "policy", from: 1, to: 3 }), "NOT_FOUND");
    const error = await expectTrpcError(
      northwindAdmin.policy.publish({ kind: "policy", version: 3 }),
      "NOT_FOUND",
    );
    expect(error.message).toBe("Policy version 3 not found in your workspace.");

    expect(
      await db.prisma.policyDocument.findMany({ where: { tenantId: cloudly }, orderBy: { version: "asc" } }),
    ).toEqual(cloudlyBefore);
    expect(await db.prisma.auditEvent.count({ where: { tenantId: cloudly } })).toBe(cloudlyAuditBefore);
    const attempt = await db.prisma.auditEvent.findFirst({
      where: { tenantId: northwind, action: "policy.published", outcome: "not_found" },
    });
    expect(attempt?.targetId).toBe("policy:v3");

    // Each tenant's own version 1 is its own document.
    expect((await cloudlyAdmin.policy.get({ kind: "policy", version: 1 })).note).toBe("cloudly 0");
    expect((await northwindAdmin.policy.get({ kind: "policy", version: 1 })).note).toBe(
      "start from the default",
    );
    expect((await getPublished(db, cloudly, "policy")).version).toBeNull();
  });

  it("numbers concurrent drafts uniquely and leaves exactly one version in force after concurrent publishes", async () => {
    const cloudlyAdmin = await as("admin", "cloudly");
    const cloudly = await tenantId("cloudly");
    const drafts = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        cloudlyAdmin.policy.saveDraft({ kind: "charter", source: DEFAULT_CHARTER_SOURCE, note: `race ${i}` }),
      ),
    );
    expect(drafts.map((d) => d.version).sort()).toEqual([1, 2, 3, 4, 5]);
    const results = await Promise.allSettled(
      drafts.map((d) => cloudlyAdmin.policy.publish({ kind: "charter", version: d.version })),
    );
    expect(results.every((r) => r.status === "fulfilled")).toBe(true);
    const published = await db.prisma.policyDocument.count({
      where: { tenantId: cloudly, kind: "charter", status: "published" },
    });
    expect(published).toBe(1);
  });

  it("notices a publish made by another server instance (version check, not a stale cache)", async () => {
    const cloudly = await tenantId("cloudly");
    expect((await getPublished(db, cloudly, "policy")).version).toBeNull();
    // Another instance publishes version 2 straight in the database.
    await db.prisma.policyDocument.updateMany({
      where: { tenantId: cloudly, kind: "policy", version: 2 },
      data: { status: "published" },
    });
    expect((await getPublished(db, cloudly, "policy")).version).toBe(2);
  });

  it("versions the knowledge charter the same way, validating it as JSON", async () => {
    const admin = await as("admin");
    const northwind = await tenantId("northwind");
    const error = await expectTrpcError(
      admin.policy.saveDraft({
        kind: "charter",
        source: '{\n  "format": "keel.charter/v1",\n  "knowledge": [\n}',
      }),
      "BAD_REQUEST",
    );
    expect(error.message).toMatch(/^The knowledge charter is invalid\. line \d+/);
    expect((await getPublishedCharter(db, northwind)).version).toBeNull();

    const charter = JSON.parse(DEFAULT_CHARTER_SOURCE);
    charter.knowledge.write = [];
    const v1 = await admin.policy.saveDraft({ kind: "charter", source: JSON.stringify(charter, null, 2) });
    await admin.policy.publish({ kind: "charter", version: v1.version });
    const inForce = await getPublishedCharter(db, northwind);
    expect(inForce.version).toBe(v1.version);
    expect(inForce.charter.knowledge.write).toEqual([]);
    // The policy's versions are counted separately.
    expect((await admin.policy.list({ kind: "charter" })).versions).toHaveLength(1);
  });
});

describe("permission matrix", () => {
  const withCell = (
    base: TPermissionMatrix,
    role: TRole,
    action: keyof TPermissionMatrix[TRole],
    mode: TPermissionMatrix[TRole][typeof action],
  ) => {
    const next = structuredClone(base) as TPermissionMatrix;
    next[role][action] = mode;
    return next;
  };

  it("versions every update and audits the changed cells", async () => {
    const admin = await as("admin");
    const northwind = await tenantId("northwind");
    expect(await admin.permissions.get()).toMatchObject({ version: null, matrix: DEFAULT_ACTION_MODES });

    const first = withCell(DEFAULT_ACTION_MODES, "agent", "order.refund", "draft");
    const v1 = await admin.permissions.update({ matrix: first, note: "agents only draft refunds" });
    expect(v1).toMatchObject({ version: 1, note: "agents only draft refunds" });
    expect(v1.matrix.agent["order.refund"]).toBe("draft");

    const second = withCell(first, "supervisor", "order.cancel", "execute_with_approval");
    await admin.permissions.update({ matrix: second, note: "cancellations need a second person" });

    const now = await admin.permissions.get();
    expect(now).toMatchObject({ version: 2, note: "cancellations need a second person" });
    expect(now.updatedBy).toMatch(/admin@northwind\.test/);
    expect(await getEffectiveMatrix(db, northwind)).toEqual({ version: 2, matrix: second });

    const history = await admin.permissions.history();
    expect(history.versions.map((v) => [v.version, v.changes])).toEqual([
      [2, [{ role: "supervisor", action: "order.cancel", from: "execute", to: "execute_with_approval" }]],
      [1, [{ role: "agent", action: "order.refund", from: "execute_with_approval", to: "draft" }]],
    ]);

    const events = await db.prisma.auditEvent.findMany({
      where: { tenantId: northwind, action: "permissions.updated" },
      orderBy: { seq: "asc" },
    });
    expect(events).toHaveLength(2);
    expect(events[1]?.metadata).toMatchObject({
      version: 2,
      previousVersion: 1,
      changes: [{ role: "supervisor", action: "order.cancel", from: "execute", to: "execute_with_approval" }],
    });
    // Other tenants keep the defaults.
    expect((await getEffectiveMatrix(db, await tenantId("cloudly"))).version).toBeNull();
  });

  it("refuses a write mode for auditors, and incomplete matrices, changing nothing", async () => {
    const admin = await as("admin");
    const before = await db.prisma.permissionMatrixVersion.count();
    const error = await expectTrpcError(
      admin.permissions.update({
        matrix: withCell(DEFAULT_ACTION_MODES, "auditor", "ticket.addInternalNote", "execute"),
        note: "let auditors annotate",
      }),
      "BAD_REQUEST",
    );
    expect(error.message).toMatch(/auditor may only have "deny" or "read"/);

    const incomplete = structuredClone(DEFAULT_ACTION_MODES) as Record<string, Record<string, string>>;
    delete incomplete.agent?.["order.cancel"];
    await expectTrpcError(
      admin.permissions.update({ matrix: incomplete as TPermissionMatrix, note: "missing a cell" }),
      "BAD_REQUEST",
    );
    await expectTrpcError(
      admin.permissions.update({ matrix: DEFAULT_ACTION_MODES, note: "" }),
      "BAD_REQUEST",
    );
    expect(await db.prisma.permissionMatrixVersion.count()).toBe(before);
  });

  it("lets only admins change the matrix; supervisors and auditors read it", async () => {
    for (const role of ["supervisor", "auditor"] as const) {
      const caller = await as(role);
      expect((await caller.permissions.get()).version).toBe(2);
      await expectTrpcError(
        caller.permissions.update({ matrix: DEFAULT_ACTION_MODES, note: "try" }),
        "FORBIDDEN",
      );
    }
    await expectTrpcError((await as("agent")).permissions.history(), "FORBIDDEN");
  });
});
