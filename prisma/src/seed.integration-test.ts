import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "./db";
import { stableId } from "./ids";
import { getMigrationStatus } from "./migrations";
import { verifyPassword } from "./password";
import { seedDemoData } from "./seed";
import { DEMO_FIRST_TICKET_NUMBER, DEMO_PASSWORD, DEMO_TENANTS, DEMO_USERS } from "./seed-data";
import { createTestDatabase, testDatabaseTarget } from "./testing";

let db: Database;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.close();
});

/** Every row of every seeded table, in a stable order, to compare before and after re-seeding. */
async function snapshot() {
  const p = db.prisma;
  const byId = { orderBy: { id: "asc" as const } };
  return {
    tenants: await p.tenant.findMany(byId),
    users: await p.user.findMany(byId),
    memberships: await p.membership.findMany(byId),
    customers: await p.customer.findMany(byId),
    tickets: await p.ticket.findMany(byId),
    messages: await p.message.findMany(byId),
    articles: await p.knowledgeArticle.findMany(byId),
  };
}

describe(`demo seed on ${testDatabaseTarget()}`, () => {
  it("leaves the database migrated", async () => {
    expect((await getMigrationStatus(db.prisma)).upToDate).toBe(true);
  });

  it("creates both demo tenants with at least 20 tickets each, numbered from 1001", async () => {
    for (const demo of DEMO_TENANTS) {
      const tenant = await db.prisma.tenant.findUniqueOrThrow({ where: { slug: demo.slug } });
      expect(tenant.name).toBe(demo.name);
      const tickets = await db.prisma.ticket.findMany({
        where: { tenantId: tenant.id },
        orderBy: { number: "asc" },
        include: { _count: { select: { messages: true } } },
      });
      expect(tickets.length).toBeGreaterThanOrEqual(20);
      expect(tickets[0]?.number).toBe(DEMO_FIRST_TICKET_NUMBER);
      for (const ticket of tickets)
        expect(ticket._count.messages, `#${ticket.number}`).toBeGreaterThanOrEqual(3);
      expect(
        await db.prisma.knowledgeArticle.count({ where: { tenantId: tenant.id } }),
      ).toBeGreaterThanOrEqual(8);
      expect(await db.prisma.customer.count({ where: { tenantId: tenant.id } })).toBeGreaterThanOrEqual(10);
    }
  });

  it("dates a ticket by its messages and keeps messages of a ticket in its own tenant", async () => {
    const ticket = await db.prisma.ticket.findFirstOrThrow({
      where: { tenant: { slug: "northwind" }, number: 1001 },
      include: { messages: { orderBy: { createdAt: "asc" } } },
    });
    expect(ticket.messages[0]?.createdAt).toEqual(ticket.createdAt);
    expect(ticket.messages.at(-1)?.createdAt).toEqual(ticket.updatedAt);
    expect(ticket.messages.every((m) => m.tenantId === ticket.tenantId)).toBe(true);
    expect(ticket.messages.some((m) => m.internal)).toBe(true);
  });

  it("lets all eight demo users sign in with the demo password, in their tenant and role", async () => {
    for (const demo of DEMO_USERS) {
      const user = await db.prisma.user.findUniqueOrThrow({
        where: { email: demo.email },
        include: { memberships: { include: { tenant: true } } },
      });
      expect(user.name).toBe(demo.name);
      expect(user.passwordHash).not.toBeNull();
      expect(await verifyPassword(DEMO_PASSWORD, user.passwordHash ?? "")).toBe(true);
      expect(await verifyPassword("wrong-password", user.passwordHash ?? "")).toBe(false);
      expect(user.memberships.map((m) => [m.tenant.slug, m.role])).toEqual([[demo.tenantSlug, demo.role]]);
    }
  });

  it("is idempotent: a second run inserts nothing and changes no row or timestamp", async () => {
    const before = await snapshot();
    const result = await seedDemoData(db.prisma);
    expect(Object.values(result.inserted).every((n) => n === 0)).toBe(true);
    const after = await snapshot();
    expect(after).toEqual(before);
  });

  it("does not undo changes made while using the demo", async () => {
    const ticket = await db.prisma.ticket.findFirstOrThrow({
      where: { tenant: { slug: "cloudly" }, number: 1002 },
    });
    await db.prisma.ticket.update({
      where: { id: ticket.id },
      data: { status: "solved", version: { increment: 1 } },
    });
    await seedDemoData(db.prisma);
    const reread = await db.prisma.ticket.findUniqueOrThrow({ where: { id: ticket.id } });
    expect(reread.status).toBe("solved");
    expect(reread.version).toBe(ticket.version + 1);
  });
});

describe(`tenant isolation in the schema on ${testDatabaseTarget()}`, () => {
  async function tenantIds() {
    const northwind = await db.prisma.tenant.findUniqueOrThrow({ where: { slug: "northwind" } });
    const cloudly = await db.prisma.tenant.findUniqueOrThrow({ where: { slug: "cloudly" } });
    return { northwind: northwind.id, cloudly: cloudly.id };
  }

  it("refuses a message of one tenant that points at another tenant's ticket", async () => {
    const tenants = await tenantIds();
    const foreignTicket = await db.prisma.ticket.findFirstOrThrow({ where: { tenantId: tenants.northwind } });
    await expect(
      db.prisma.message.create({
        data: {
          id: stableId("msg", "cross-tenant-test"),
          tenantId: tenants.cloudly,
          ticketId: foreignTicket.id,
          authorType: "agent",
          authorName: "Mallory",
          body: "This must never be stored.",
        },
      }),
    ).rejects.toThrow(/foreign key|Foreign key/);
    expect(await db.prisma.message.count({ where: { id: stableId("msg", "cross-tenant-test") } })).toBe(0);
  });

  it("refuses a ticket of one tenant for another tenant's customer", async () => {
    const tenants = await tenantIds();
    const foreignCustomer = await db.prisma.customer.findFirstOrThrow({
      where: { tenantId: tenants.northwind },
    });
    await expect(
      db.prisma.ticket.create({
        data: {
          id: stableId("tkt", "cross-tenant-test"),
          tenantId: tenants.cloudly,
          number: 9999,
          subject: "Cross-tenant",
          customerId: foreignCustomer.id,
        },
      }),
    ).rejects.toThrow(/foreign key|Foreign key/);
  });

  it("accepts the same message in the ticket's own tenant", async () => {
    const tenants = await tenantIds();
    const ticket = await db.prisma.ticket.findFirstOrThrow({ where: { tenantId: tenants.northwind } });
    const message = await db.prisma.message.create({
      data: {
        id: stableId("msg", "same-tenant-test"),
        tenantId: tenants.northwind,
        ticketId: ticket.id,
        authorType: "agent",
        authorName: "Maya Okafor",
        body: "Internal check.",
        internal: true,
      },
    });
    expect(message.ticketId).toBe(ticket.id);
  });
});
