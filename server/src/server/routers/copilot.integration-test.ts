import type { Database } from "@keel/db";
import { DEMO_PASSWORD } from "@keel/db";
import { createTestDatabase } from "@keel/db/testing";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { replayTrace } from "../services/copilot";
import { callerWithSession, callerWithToken } from "../testing/harness";

let db: Database;
const tokens = new Map<string, string>();

beforeAll(async () => {
  db = await createTestDatabase();
  for (const email of ["agent@northwind.test", "supervisor@northwind.test", "agent@cloudly.test"]) {
    const { token } = await (await callerWithToken(db, null)).auth.connectExtension({
      email,
      password: DEMO_PASSWORD,
    });
    tokens.set(email, token);
  }
});
afterAll(async () => {
  await db?.close();
});

const as = (email: string) => callerWithToken(db, tokens.get(email) ?? null);

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TRPCError);
  return (error as TRPCError).code;
}

/** A northwind ticket whose customer wrote about a damaged item (the demo's tent ticket). */
async function tentTicket() {
  const tenant = await db.prisma.tenant.findUniqueOrThrow({ where: { slug: "northwind" } });
  const message = await db.prisma.message.findFirstOrThrow({
    where: { tenantId: tenant.id, authorType: "customer", body: { contains: "tent", mode: "insensitive" } },
    include: { ticket: { include: { customer: true } } },
  });
  return { tenant, ticket: message.ticket };
}

describe("reply drafts", () => {
  it("drafts in the agent's style, cites what it used, and stores a redacted trace", async () => {
    const { tenant, ticket } = await tentTicket();
    const agent = await as("agent@northwind.test");
    const draft = await agent.reply.draft({ ticketId: ticket.id });

    const firstName = ticket.customer.name.split(" ")[0] ?? "";
    // Addressed to the customer by name in the agent's view (restored from the placeholder).
    expect(draft.text).toContain(firstName);
    expect(draft.text).not.toContain("[PERSON_0]");
    // The seeded agent greets with "Hi" and writes contractions.
    expect(draft.style).toMatchObject({ greeting: "Hi", contractions: true });
    expect(draft.style.samples).toBeGreaterThan(0);
    expect(draft.prompt).toEqual({ id: "reply.draft", version: 1 });
    for (const c of draft.citations) expect(draft.text).toContain(`[${c.n}]`);
    expect(draft.confidence).toBeGreaterThanOrEqual(0);
    expect(draft.belowThreshold).toBe(draft.confidence < tenant.escalationThreshold);

    const trace = await db.prisma.copilotTrace.findUniqueOrThrow({ where: { id: draft.traceId } });
    expect(trace).toMatchObject({
      tenantId: tenant.id,
      ticketId: ticket.id,
      step: "draft",
      promptId: "reply.draft",
    });
    // Redacted like audit events: the customer is a placeholder in the stored input and output.
    const stored = JSON.stringify([trace.input, trace.output]);
    expect(stored).toContain("[PERSON_0]");
    expect(stored).not.toContain(ticket.customer.name);
    expect(stored).not.toContain(ticket.customer.email);
    expect((trace.retrieved as unknown[]).length).toBeGreaterThanOrEqual(draft.citations.length);

    const event = await db.prisma.auditEvent.findFirstOrThrow({
      where: { tenantId: tenant.id, action: "reply.draft", targetId: ticket.id },
      orderBy: { seq: "desc" },
    });
    expect(event.metadata).toMatchObject({ traceId: draft.traceId });
  });

  it("answers NOT_FOUND for another tenant's ticket, and audits the attempt", async () => {
    const { ticket } = await tentTicket();
    const outsider = await as("agent@cloudly.test");
    expect(await codeOf(outsider.reply.draft({ ticketId: ticket.id }))).toBe("NOT_FOUND");
    const cloudly = await db.prisma.tenant.findUniqueOrThrow({ where: { slug: "cloudly" } });
    expect(
      await db.prisma.auditEvent.count({
        where: { tenantId: cloudly.id, action: "reply.draft", outcome: "not_found", targetId: ticket.id },
      }),
    ).toBe(1);
    expect(await db.prisma.copilotTrace.count({ where: { tenantId: cloudly.id } })).toBe(0);
  });

  it("records feedback on the agent's own draft only, keeping the size of an edit but not its text", async () => {
    const { tenant, ticket } = await tentTicket();
    const agent = await as("agent@northwind.test");
    const draft = await agent.reply.draft({ ticketId: ticket.id });
    const edited = `${draft.text}\n\nP.S. The replacement ships today.`;
    expect(await agent.reply.feedback({ traceId: draft.traceId, verdict: "edit", text: edited })).toEqual({
      recorded: true,
    });
    const event = await db.prisma.auditEvent.findFirstOrThrow({
      where: { tenantId: tenant.id, action: "reply.feedback", targetId: draft.traceId },
    });
    expect(event.metadata).toMatchObject({ verdict: "edit", length: edited.length });
    expect(JSON.stringify(event.metadata)).not.toContain("replacement ships today");

    // Bad input changes nothing; another agent's or tenant's draft is not found.
    const before = await db.prisma.auditEvent.count({
      where: { tenantId: tenant.id, action: "reply.feedback" },
    });
    expect(await codeOf(agent.reply.feedback({ traceId: draft.traceId, verdict: "edit" }))).toBe(
      "BAD_REQUEST",
    );
    expect(
      await db.prisma.auditEvent.count({ where: { tenantId: tenant.id, action: "reply.feedback" } }),
    ).toBe(before);
    const supervisor = await as("supervisor@northwind.test");
    expect(await codeOf(supervisor.reply.feedback({ traceId: draft.traceId, verdict: "accept" }))).toBe(
      "NOT_FOUND",
    );
    const outsider = await as("agent@cloudly.test");
    expect(await codeOf(outsider.reply.feedback({ traceId: draft.traceId, verdict: "reject" }))).toBe(
      "NOT_FOUND",
    );
  });
});

describe("replaying a trace", () => {
  it("re-runs a draft against what is in force now, stores it as a replay, and says what changed", async () => {
    const { tenant, ticket } = await tentTicket();
    const agent = await as("agent@northwind.test");
    const draft = await agent.reply.draft({ ticketId: ticket.id });

    const same = await replayTrace(db, tenant.id, draft.traceId);
    expect(same.changes).toEqual([]);
    expect(same.diff.every((d) => d.op === " ")).toBe(true);
    const stored = await db.prisma.copilotTrace.findUniqueOrThrow({ where: { id: same.replay.traceId } });
    expect(stored).toMatchObject({ replayOfId: draft.traceId, tenantId: tenant.id, step: "draft" });

    // A trace made by an older prompt and engine, with different output: the replay names the changes.
    await db.prisma.copilotTrace.update({
      where: { id: draft.traceId },
      data: {
        promptVersion: 0,
        model: "keel-offline/draft@0",
        output: { text: "Hi [PERSON_0],\n\nOld wording.", confidence: 0.2 },
      },
    });
    const changed = await replayTrace(db, tenant.id, draft.traceId);
    expect(changed.changes).toEqual(
      expect.arrayContaining([
        "prompt reply.draft@0 → reply.draft@1",
        "model keel-offline/draft@0 → keel-offline/draft@1",
        "output text changed",
      ]),
    );
    expect(changed.diff).toContainEqual({ op: "-", line: "Old wording." });
    expect(changed.diff).toContainEqual({ op: " ", line: "Hi [PERSON_0]," });

    // Another tenant cannot replay it.
    const cloudly = await db.prisma.tenant.findUniqueOrThrow({ where: { slug: "cloudly" } });
    await expect(replayTrace(db, cloudly.id, draft.traceId)).rejects.toThrow(/not found/i);
  });
});

describe("every copilot step leaves a trace", () => {
  it("stores one for the summary and one for the suggested articles, named by their audit events", async () => {
    const { tenant, ticket } = await tentTicket();
    const agent = await as("agent@northwind.test");
    await agent.ticket.summarize({ ticketId: ticket.id });
    await agent.knowledge.suggest({ ticketId: ticket.id });
    for (const [step, action, promptId] of [
      ["summarize", "ticket.summarize", "ticket.summarize"],
      ["suggest", "kb.suggest", "kb.suggest"],
    ] as const) {
      const trace = await db.prisma.copilotTrace.findFirstOrThrow({
        where: { tenantId: tenant.id, ticketId: ticket.id, step },
        orderBy: { createdAt: "desc" },
      });
      expect(trace).toMatchObject({ promptId, promptVersion: 1 });
      const event = await db.prisma.auditEvent.findFirstOrThrow({
        where: { tenantId: tenant.id, action, targetId: ticket.id, outcome: "success" },
        orderBy: { seq: "desc" },
      });
      expect(event.metadata).toMatchObject({ traceId: trace.id });
      // Redacted like audit events: the customer's e-mail never appears in a trace.
      expect(JSON.stringify([trace.input, trace.output])).not.toContain(ticket.customer.email);
    }
  });
});

describe("replaying from the console", () => {
  it("lets audit readers replay a draft, audits it, and refuses agents", async () => {
    const { tenant, ticket } = await tentTicket();
    const draft = await (await as("agent@northwind.test")).reply.draft({ ticketId: ticket.id });
    // In the console (a session): extension tokens are not scoped for traces.
    const user = await db.prisma.user.findUniqueOrThrow({ where: { email: "supervisor@northwind.test" } });
    const supervisor = await callerWithSession(db, {
      via: "session",
      userId: user.id,
      sessionTenantId: tenant.id,
    });
    expect(
      await codeOf((await as("supervisor@northwind.test")).trace.replay({ traceId: draft.traceId })),
    ).toBe("FORBIDDEN");
    const result = await supervisor.trace.replay({ traceId: draft.traceId });
    expect(result.changes).toEqual([]);
    expect(result.diff.length).toBeGreaterThan(0);
    const replay = await supervisor.trace.get({ traceId: result.replayTraceId });
    expect(replay.replayOfId).toBe(draft.traceId);
    const original = await supervisor.trace.get({ traceId: draft.traceId });
    expect(original.replays.map((r) => r.id)).toContain(result.replayTraceId);
    expect(original.events.map((e) => e.action)).toEqual(
      expect.arrayContaining(["reply.draft", "trace.replay"]),
    );
    expect(
      await db.prisma.auditEvent.count({
        where: { tenantId: tenant.id, action: "trace.replay", targetId: draft.traceId },
      }),
    ).toBe(1);
    // Agents do not read audit data, so they cannot list, read or replay traces.
    const agent = await as("agent@northwind.test");
    expect(await codeOf(agent.trace.replay({ traceId: draft.traceId }))).toBe("FORBIDDEN");
    expect(await codeOf(agent.trace.list({}))).toBe("FORBIDDEN");
  });
});
