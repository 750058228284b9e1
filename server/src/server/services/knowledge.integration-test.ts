import type { Database } from "@keel/db";
import { DEMO_PASSWORD } from "@keel/db";
import { createTestDatabase } from "@keel/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerWithSession, callerWithToken } from "../testing/harness";
import { parseImport, searchTerms } from "./knowledge";

let db: Database;
let northwind: string;

beforeAll(async () => {
  db = await createTestDatabase();
  northwind = (await db.prisma.tenant.findUniqueOrThrow({ where: { slug: "northwind" } })).id;
});
afterAll(async () => {
  await db?.close();
});

async function asUser(email: string) {
  const user = await db.prisma.user.findUniqueOrThrow({ where: { email } });
  return callerWithSession(db, { via: "session", userId: user.id, sessionTenantId: northwind });
}

async function ticketAbout(word: string) {
  const ticket = await db.prisma.ticket.findFirst({
    where: { tenantId: northwind, OR: [{ subject: { contains: word, mode: "insensitive" } }] },
  });
  if (!ticket) throw new Error(`no seeded ticket about ${word}`);
  return ticket;
}

async function errorOf(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return error as TRPCError;
}

describe("knowledge retrieval", () => {
  it("suggests the tenant's articles for a ticket, each cited by id and version with the words it matched", async () => {
    const caller = await callerWithToken(
      db,
      (
        await (
          await callerWithToken(db, null)
        ).auth.connectExtension({
          email: "agent@northwind.test",
          password: DEMO_PASSWORD,
        })
      ).token,
    );
    const ticket = await ticketAbout("refund");
    const result = await caller.knowledge.suggest({ ticketId: ticket.id, limit: 5 });
    expect(result.passages.length).toBeGreaterThan(0);
    expect(result.tiers).not.toContain("privileged");
    const articles = await db.prisma.knowledgeArticle.findMany({ where: { tenantId: northwind } });
    const byId = new Map(articles.map((a) => [a.id, a]));
    for (const passage of result.passages) {
      const article = byId.get(passage.articleId);
      expect(article, "cited article is the caller tenant's").toBeTruthy();
      expect(passage.version).toBe(article?.version);
      expect(passage.matched.length).toBeGreaterThan(0);
      expect(passage.snippet.length).toBeLessThanOrEqual(400);
    }
    const audit = await db.prisma.auditEvent.findFirst({
      where: { tenantId: northwind, action: "kb.suggest", targetId: ticket.id },
      orderBy: { seq: "desc" },
    });
    const metadata = audit?.metadata as { articles: string[] } | undefined;
    expect(metadata?.articles[0]).toMatch(/@\d+$/);
  });

  it("reads only tiers the role may read AND the charter allows", async () => {
    const admin = await asUser("admin@northwind.test");
    const internal = await admin.knowledge.save({
      title: "Zebracorn outage playbook",
      body: "Internal playbook for the zebracorn warehouse outage and who to call.",
      tier: "internal",
      tags: ["incident"],
    });
    const privileged = await admin.knowledge.save({
      title: "Zebracorn outage incident data",
      body: "Privileged incident data about the zebracorn outage: affected customers and root cause.",
      tier: "privileged",
      tags: ["incident"],
    });
    const agent = await asUser("agent@northwind.test");
    const supervisor = await asUser("supervisor@northwind.test");
    const ids = async (caller: Awaited<ReturnType<typeof asUser>>) =>
      (await caller.knowledge.search({ query: "zebracorn outage", limit: 10 })).passages.map(
        (p) => p.articleId,
      );

    // The default charter lets the copilot read public, internal and customer knowledge, not privileged.
    expect(await ids(agent)).toContain(internal.id);
    expect(await ids(supervisor)).not.toContain(privileged.id);

    // An admin narrows the internal tier to supervisors and admins: agents lose it, supervisors keep it.
    await admin.knowledge.setTier({ tier: "internal", roles: ["supervisor", "admin"], retentionDays: 365 });
    expect(await ids(agent)).not.toContain(internal.id);
    expect(await ids(supervisor)).toContain(internal.id);
    const tiers = await admin.knowledge.tiers();
    expect(tiers.tiers.find((t) => t.tier === "internal")).toMatchObject({
      roles: ["supervisor", "admin"],
      retentionDays: 365,
      isDefault: false,
    });
    await admin.knowledge.setTier({
      tier: "internal",
      roles: ["agent", "supervisor", "admin"],
      retentionDays: null,
    });
    await expect(
      admin.knowledge.setTier({ tier: "public", roles: ["auditor"], retentionDays: null }),
    ).rejects.toThrow(/Auditors read audit data only/);
  });

  it("keeps every saved state as a version, and refuses agents and auditors the editor", async () => {
    const admin = await asUser("admin@northwind.test");
    const first = await admin.knowledge.save({
      title: "Gift wrapping",
      body: "We wrap gifts in recycled paper for $4.",
      tier: "public",
      tags: ["gifts"],
    });
    const edit = { id: first.id, title: first.title, tier: first.tier, tags: first.tags };
    const second = await admin.knowledge.save({ ...edit, body: "We wrap gifts in recycled paper for $5." });
    expect(second.version).toBe(first.version + 1);
    const detail = await admin.knowledge.get({ articleId: first.id });
    expect(detail.versions.map((v) => v.version)).toEqual([second.version, first.version]);
    // Saving the same content again creates no version.
    expect((await admin.knowledge.save({ ...edit, body: second.body })).version).toBe(second.version);

    for (const email of ["agent@northwind.test", "auditor@northwind.test"]) {
      const caller = await asUser(email);
      expect((await errorOf(caller.knowledge.save({ ...edit, body: "changed by someone else" }))).code).toBe(
        "FORBIDDEN",
      );
    }
    const auditor = await asUser("auditor@northwind.test");
    expect((await errorOf(auditor.knowledge.search({ query: "gift wrapping", limit: 3 }))).code).toBe(
      "FORBIDDEN",
    );
  });

  it("imports Markdown and JSONL; an invalid item saves nothing and says which", async () => {
    const admin = await asUser("admin@northwind.test");
    const before = await db.prisma.knowledgeArticle.count({ where: { tenantId: northwind } });
    const bad = await admin.knowledge.import({
      format: "jsonl",
      content: `${JSON.stringify({ title: "Fine article", body: "A perfectly fine body text." })}\nnot json\n${JSON.stringify({ title: "x", body: "short" })}`,
    });
    expect(bad.created).toBe(0);
    expect(bad.errors.map((e) => e.item)).toEqual([2, 3]);
    expect(await db.prisma.knowledgeArticle.count({ where: { tenantId: northwind } })).toBe(before);

    const md = await admin.knowledge.import({
      format: "markdown",
      content:
        "# Loyalty points\ntier: public\ntags: loyalty, points\nEvery dollar earns one point.\n---\n# Gift wrapping\nWe wrap gifts in recycled paper for $6 now.",
      defaultTier: "internal",
    });
    expect(md).toEqual({ created: 1, updated: 1, errors: [] });
    const loyalty = await db.prisma.knowledgeArticle.findFirstOrThrow({
      where: { tenantId: northwind, slug: "loyalty-points" },
    });
    expect(loyalty).toMatchObject({ tier: "public", tags: ["loyalty", "points"] });
  });
});

describe("search terms and import parsing", () => {
  it("keeps content words only, most frequent first, safe for a tsquery", () => {
    expect(searchTerms("Hi! My REFUND for the damaged boots... refund please; it's 2024 & (boots)")).toEqual([
      "boots",
      "refund",
      "damaged",
    ]);
    expect(searchTerms("a & | ! ( ) :*")).toEqual([]);
  });
  it("reads Markdown front lines and falls back to the default tier", () => {
    const { items } = parseImport("markdown", "# Title here\nBody text that is long enough.", "internal");
    expect(items[0]?.input).toMatchObject({ title: "Title here", tier: "internal", tags: [] });
  });
});
