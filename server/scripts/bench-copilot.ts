/*
 * Benchmark: summary and draft latency for a 20-message ticket with the offline engine, server-side
 * (the service call: tenant transaction, reads, redaction, retrieval, engine, trace and audit writes).
 * Not a test: it prints numbers. Target: p95 under 300 ms for each.
 *
 *   pnpm bench:copilot [--runs 100]                    on a scratch embedded PGlite
 *   KEEL_TEST_DB=postgres DATABASE_URL=… pnpm bench:copilot   on a scratch database on that server
 */
import { newId } from "@keel/db";
import { createTestDatabase, testDatabaseTarget } from "@keel/db/testing";
import type { TActor } from "../src/server/actor";
import { draftReplyFor } from "../src/server/services/copilot";
import { summarizeTicket } from "../src/server/services/tickets";

const TARGET_P95_MS = 300;
const runsArg = process.argv.indexOf("--runs");
const RUNS = runsArg > 0 ? Math.max(5, Number(process.argv[runsArg + 1]) || 100) : 100;
const WARMUP = 10;

const CUSTOMER_LINES = [
  "Hi, my order arrived yesterday but the tent pole is snapped and the box was crushed.",
  "I have attached photos of the damaged pole, the box and the shipping label.",
  "Can you send a replacement before my trip on the 28th? I paid for express shipping.",
  "Also, the rain fly has a small tear next to the zipper. Is that covered too?",
  "Thanks for the quick answer. Where can I see the tracking number for the replacement?",
];
const AGENT_LINES = [
  "Hi Hannah, I'm sorry the tent arrived damaged. Could you send a photo of the pole and the label?",
  "Thanks Hannah. I've asked the warehouse to ship a replacement by express at no cost to you.",
  "Hi Hannah, the rain fly is covered as well; the new tent ships complete.",
  "Hi Hannah, here is your tracking number. It should arrive on Thursday. Best, Maya",
];

const db = await createTestDatabase({ seed: true });
try {
  const tenant = await db.prisma.tenant.findUniqueOrThrow({ where: { slug: "northwind" } });
  const user = await db.prisma.user.findUniqueOrThrow({ where: { email: "agent@northwind.test" } });
  const customer = await db.prisma.customer.findFirstOrThrow({ where: { tenantId: tenant.id } });
  const ticketId = newId("tkt");
  await db.prisma.ticket.create({
    data: {
      id: ticketId,
      tenantId: tenant.id,
      number: 9001,
      subject: "Tent arrived damaged, replacement needed before my trip",
      customerId: customer.id,
    },
  });
  const start = Date.now() - 20 * 3_600_000;
  for (let i = 0; i < 20; i += 1) {
    const fromCustomer = i % 2 === 0;
    await db.prisma.message.create({
      data: {
        id: newId("msg"),
        tenantId: tenant.id,
        ticketId,
        authorType: fromCustomer ? "customer" : "agent",
        authorName: fromCustomer ? customer.name : user.name,
        authorUserId: fromCustomer ? null : user.id,
        body: fromCustomer
          ? `${CUSTOMER_LINES[(i / 2) % CUSTOMER_LINES.length]} My e-mail is ${customer.email}.`
          : (AGENT_LINES[((i - 1) / 2) % AGENT_LINES.length] ?? ""),
        createdAt: new Date(start + i * 3_600_000),
      },
    });
  }
  const actor: TActor = {
    userId: user.id,
    email: user.email,
    name: user.name,
    role: "agent",
    tenant: { id: tenant.id, slug: tenant.slug, name: tenant.name, rolloutMode: tenant.rolloutMode },
    via: "extension_token",
    tokenId: null,
    tokenExpiresAt: null,
    tokenScopes: ["copilot"],
  };

  async function measure(label: string, step: () => Promise<unknown>) {
    for (let i = 0; i < WARMUP; i += 1) await step();
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const t0 = performance.now();
      await step();
      samples.push(performance.now() - t0);
    }
    samples.sort((a, b) => a - b);
    const at = (p: number) =>
      samples[Math.min(samples.length - 1, Math.floor(p * samples.length))] ?? Number.NaN;
    const p95 = at(0.95);
    console.log(
      `${label.padEnd(28)} ${at(0.5).toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ${(samples.at(-1) ?? 0).toFixed(1).padStart(8)}   ${p95 < TARGET_P95_MS ? "met" : "NOT met"}`,
    );
    return p95 < TARGET_P95_MS;
  }

  console.log(
    `\nCopilot step latency, 20-message ticket, offline engine, ${testDatabaseTarget()}, ${RUNS} runs each (ms)\n`,
  );
  console.log(
    `${"step".padEnd(28)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"max".padStart(8)}   target p95 < ${TARGET_P95_MS}`,
  );
  const ok = [
    await measure("summary (ticket.summarize)", () => summarizeTicket(db, actor, ticketId)),
    await measure("draft (reply.draft)", () => draftReplyFor(db, actor, ticketId)),
  ];
  if (!ok.every(Boolean)) process.exitCode = 1;
} finally {
  await db.close();
}
