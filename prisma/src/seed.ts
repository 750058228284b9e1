import type { PrismaClient } from "./generated/prisma/client";
import { stableId } from "./ids";
import { hashPassword } from "./password";
import {
  DEMO_BASE_DATE,
  DEMO_DATA,
  DEMO_PASSWORD,
  DEMO_USERS,
  type DemoTenantData,
  type SeedMessage,
  type SeedTicket,
} from "./seed-data";

/*
 * Idempotent by construction: every row has a stable id derived from its natural key and fixed
 * timestamps derived from DEMO_BASE_DATE, and rows that already exist are left alone (upsert with an
 * empty update, or INSERT ... ON CONFLICT DO NOTHING for the bulk content). Re-seeding therefore
 * neither duplicates anything nor undoes what someone changed while trying the demo.
 */

export interface SeedCounts {
  tenants: number;
  users: number;
  memberships: number;
  customers: number;
  tickets: number;
  messages: number;
  articles: number;
  orders: number;
  accounts: number;
}

export interface SeedResult {
  /** Rows this call inserted (all zero when the demo data was already there). */
  inserted: SeedCounts;
}

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
// Default gaps between consecutive messages (minutes), cycled, so conversations feel uneven.
const DEFAULT_GAPS = [42, 95, 18, 230, 61, 140, 27, 315];

function at(daysAgo: number, minutes = 0): Date {
  return new Date(DEMO_BASE_DATE.getTime() - daysAgo * DAY + minutes * MINUTE);
}

/** Creation time of every message of a ticket, oldest first, fixed relative to DEMO_BASE_DATE. */
export function messageTimes(ticket: SeedTicket): Date[] {
  // Tickets open at varied times of day (between 07:00 and 17:00 relative to the base hour).
  let time = at(ticket.openedDaysAgo).getTime() + ((ticket.number * 37) % 600) * MINUTE - 8 * 60 * MINUTE;
  return ticket.messages.map((message: SeedMessage, index) => {
    if (index > 0) time += (message.after ?? DEFAULT_GAPS[index % DEFAULT_GAPS.length] ?? 60) * MINUTE;
    return new Date(time);
  });
}

function emptyCounts(): SeedCounts {
  return {
    tenants: 0,
    users: 0,
    memberships: 0,
    customers: 0,
    tickets: 0,
    messages: 0,
    articles: 0,
    orders: 0,
    accounts: 0,
  };
}

/** Inserts the demo tenants, users, customers, tickets, messages and articles; a second run changes nothing. */
export async function seedDemoData(prisma: PrismaClient): Promise<SeedResult> {
  const inserted = emptyCounts();

  // scrypt is deliberately slow: hash only for users that do not exist yet, and outside the
  // transaction so it does not hold the (single) PGlite connection.
  const existingUsers = new Set(
    (
      await prisma.user.findMany({
        where: { email: { in: DEMO_USERS.map((u) => u.email) } },
        select: { email: true },
      })
    ).map((u) => u.email),
  );
  const hashes = new Map(
    await Promise.all(
      DEMO_USERS.filter((u) => !existingUsers.has(u.email)).map(
        async (u) => [u.email, await hashPassword(DEMO_PASSWORD)] as const,
      ),
    ),
  );

  await prisma.$transaction(
    async (tx) => {
      const userIds = new Map<string, string>();
      for (const user of DEMO_USERS) {
        const row = await tx.user.upsert({
          where: { email: user.email },
          create: {
            id: stableId("usr", user.email),
            email: user.email,
            name: user.name,
            // Only missing users reach this branch, and they were hashed above.
            passwordHash: hashes.get(user.email) ?? null,
            createdAt: at(90),
          },
          update: {},
          select: { id: true },
        });
        userIds.set(user.email, row.id);
      }
      inserted.users = hashes.size;

      for (const data of DEMO_DATA) {
        const counts = await seedTenant(tx, data, userIds);
        for (const key of Object.keys(inserted) as (keyof SeedCounts)[]) inserted[key] += counts[key];
      }
    },
    // Generous limits: a slow CI machine inserting a few hundred rows should not hit Prisma's 5 s default.
    { maxWait: 30_000, timeout: 120_000 },
  );
  return { inserted };
}

type Tx = Parameters<Parameters<PrismaClient["$transaction"]>[0]>[0];

async function seedTenant(tx: Tx, data: DemoTenantData, userIds: Map<string, string>): Promise<SeedCounts> {
  const counts = emptyCounts();
  const slug = data.tenant.slug;

  const before = await tx.tenant.findUnique({ where: { slug }, select: { id: true } });
  const tenant = await tx.tenant.upsert({
    where: { slug },
    create: {
      id: stableId("ten", slug),
      slug,
      name: data.tenant.name,
      industry: data.tenant.industry,
      createdAt: at(120),
    },
    update: {},
    select: { id: true },
  });
  if (!before) counts.tenants = 1;
  const tenantId = tenant.id;

  // Members: one user per role. userByRole lets tickets name their assignee by role.
  const userByRole = new Map<string, { id: string; name: string }>();
  for (const user of DEMO_USERS.filter((u) => u.tenantSlug === slug)) {
    const userId = userIds.get(user.email);
    if (!userId) throw new Error(`Seed user ${user.email} was not created.`);
    userByRole.set(user.role, { id: userId, name: user.name });
    const key = { tenantId_userId: { tenantId, userId } };
    if (!(await tx.membership.findUnique({ where: key, select: { id: true } }))) counts.memberships += 1;
    // An existing membership keeps its role: an admin may have changed it while trying the demo.
    await tx.membership.upsert({
      where: key,
      create: {
        id: stableId("mem", `${slug}:${user.email}`),
        tenantId,
        userId,
        role: user.role,
        createdAt: at(90),
      },
      update: {},
    });
  }

  counts.customers = (
    await tx.customer.createMany({
      data: data.customers.map((c, index) => ({
        id: stableId("cus", `${slug}:${c.email}`),
        tenantId,
        name: c.name,
        email: c.email,
        phone: c.phone ?? null,
        tier: c.tier,
        identityVerifiedAt: data.verifiedCustomers?.includes(c.email) ? at(30) : null,
        createdAt: at(400 - index * 31),
      })),
      skipDuplicates: true,
    })
  ).count;
  // Look ids up rather than recomputing them: a row that pre-dates the seed keeps its own id.
  const customerIds = new Map(
    (
      await tx.customer.findMany({
        where: { tenantId, email: { in: data.customers.map((c) => c.email) } },
        select: { id: true, email: true },
      })
    ).map((c) => [c.email, c.id]),
  );

  const ticketRows = data.tickets.map((ticket) => {
    const times = messageTimes(ticket);
    const customerId = customerIds.get(ticket.customer);
    if (!customerId) throw new Error(`Ticket #${ticket.number} names unknown customer ${ticket.customer}.`);
    const first = times[0] ?? at(ticket.openedDaysAgo);
    return {
      id: stableId("tkt", `${slug}:${ticket.number}`),
      tenantId,
      number: ticket.number,
      subject: ticket.subject,
      status: ticket.status,
      priority: ticket.priority,
      channel: ticket.channel,
      tags: [...ticket.tags],
      customerId,
      assigneeId: ticket.assignee ? (userByRole.get(ticket.assignee)?.id ?? null) : null,
      createdAt: first,
      updatedAt: times[times.length - 1] ?? first,
    };
  });
  counts.tickets = (await tx.ticket.createMany({ data: ticketRows, skipDuplicates: true })).count;
  const ticketIds = new Map(
    (
      await tx.ticket.findMany({
        where: { tenantId, number: { in: data.tickets.map((t) => t.number) } },
        select: { id: true, number: true },
      })
    ).map((t) => [t.number, t.id]),
  );

  const customerNames = new Map(data.customers.map((c) => [c.email, c.name]));
  const messageRows = data.tickets.flatMap((ticket) => {
    const ticketId = ticketIds.get(ticket.number);
    if (!ticketId) throw new Error(`Ticket #${ticket.number} was not created.`);
    const times = messageTimes(ticket);
    const handler = userByRole.get(ticket.assignee ?? "agent") ?? userByRole.get("agent");
    return ticket.messages.map((message, index) => {
      const base = {
        id: stableId("msg", `${slug}:${ticket.number}:${index}`),
        tenantId,
        ticketId,
        body: message.body,
        createdAt: times[index] ?? at(ticket.openedDaysAgo),
      };
      switch (message.from) {
        case "customer":
          return {
            ...base,
            authorType: "customer" as const,
            authorName: customerNames.get(ticket.customer) ?? ticket.customer,
            authorUserId: null,
            internal: false,
          };
        case "system":
          return {
            ...base,
            authorType: "system" as const,
            authorName: "Keel",
            authorUserId: null,
            internal: false,
          };
        default: {
          // "agent" and "note" come from the ticket's assignee; "supervisor" from the supervisor.
          const author = message.from === "supervisor" ? userByRole.get("supervisor") : handler;
          return {
            ...base,
            authorType: "agent" as const,
            authorName: author?.name ?? "Support",
            authorUserId: author?.id ?? null,
            internal: message.from === "note",
          };
        }
      }
    });
  });
  counts.messages = (await tx.message.createMany({ data: messageRows, skipDuplicates: true })).count;

  counts.articles = (
    await tx.knowledgeArticle.createMany({
      data: data.articles.map((article, index) => ({
        id: stableId("kb", `${slug}:${article.slug}`),
        tenantId,
        slug: article.slug,
        title: article.title,
        body: article.body,
        tier: article.tier,
        tags: [...article.tags],
        createdAt: at(180 - index * 9),
        updatedAt: at(60 - index * 4),
      })),
      skipDuplicates: true,
    })
  ).count;

  const toMinor = (amount: number) => Math.round(amount * 100);
  const requireCustomer = (email: string, what: string) => {
    const id = customerIds.get(email);
    if (!id) throw new Error(`${what} names unknown customer ${email}.`);
    return id;
  };
  counts.orders = (
    await tx.order.createMany({
      data: (data.orders ?? []).map((o) => ({
        id: stableId("ord", `${slug}:${o.number}`),
        tenantId,
        customerId: requireCustomer(o.customer, `Order ${o.number}`),
        number: o.number,
        status: o.status,
        totalMinor: toMinor(o.total),
        refundedMinor: toMinor(o.refunded ?? 0),
        currency: o.currency,
        createdAt: at(o.placedDaysAgo),
        updatedAt: at(o.placedDaysAgo),
      })),
      skipDuplicates: true,
    })
  ).count;
  counts.accounts = (
    await tx.customerAccount.createMany({
      data: (data.accounts ?? []).map((a) => ({
        id: stableId("acc", `${slug}:${a.key}`),
        tenantId,
        customerId: requireCustomer(a.customer, `Account ${a.key}`),
        name: a.name,
        ownerEmail: a.ownerEmail,
        createdAt: at(300),
        updatedAt: at(300),
      })),
      skipDuplicates: true,
    })
  ).count;

  return counts;
}
