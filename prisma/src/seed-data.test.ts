import { describe, expect, it } from "vitest";
import { messageTimes } from "./seed";
import { DEMO_BASE_DATE, DEMO_DATA, DEMO_FIRST_TICKET_NUMBER, DEMO_TENANTS, DEMO_USERS } from "./seed-data";

// The demo data is hand-written; these checks catch slips before they reach a database.

describe("demo data", () => {
  it("has two tenants in different businesses", () => {
    expect(DEMO_TENANTS.map((t) => t.slug)).toEqual(["northwind", "cloudly"]);
    expect(new Set(DEMO_TENANTS.map((t) => t.industry)).size).toBe(2);
  });

  it("has one user per role per tenant, with the documented e-mails", () => {
    for (const tenant of DEMO_TENANTS) {
      const users = DEMO_USERS.filter((u) => u.tenantSlug === tenant.slug);
      expect(users.map((u) => u.role).sort()).toEqual(["admin", "agent", "auditor", "supervisor"]);
      for (const user of users) expect(user.email).toBe(`${user.role}@${tenant.slug}.test`);
    }
    expect(new Set(DEMO_USERS.map((u) => u.email)).size).toBe(8);
  });

  for (const data of DEMO_DATA) {
    describe(data.tenant.slug, () => {
      it("has about ten customers with unique e-mails and valid tiers", () => {
        expect(data.customers.length).toBeGreaterThanOrEqual(10);
        expect(new Set(data.customers.map((c) => c.email)).size).toBe(data.customers.length);
        expect(new Set(data.customers.map((c) => c.tier))).toEqual(
          new Set(["standard", "premium", "enterprise"]),
        );
      });

      it("numbers at least 22 tickets consecutively from 1001", () => {
        expect(data.tickets.length).toBeGreaterThanOrEqual(22);
        expect(data.tickets.map((t) => t.number)).toEqual(
          data.tickets.map((_, i) => DEMO_FIRST_TICKET_NUMBER + i),
        );
      });

      it("gives every ticket a known customer and 3–8 messages, or 20 for the long ones", () => {
        const emails = new Set(data.customers.map((c) => c.email));
        let long = 0;
        for (const ticket of data.tickets) {
          expect(emails.has(ticket.customer), `#${ticket.number}`).toBe(true);
          const n = ticket.messages.length;
          if (n === 20) long += 1;
          else expect(n >= 3 && n <= 8, `#${ticket.number} has ${n} messages`).toBe(true);
          expect(
            ticket.messages.some((m) => m.from === "customer"),
            `#${ticket.number}`,
          ).toBe(true);
        }
        expect(long).toBeGreaterThanOrEqual(1);
      });

      it("varies status, priority, channel and includes internal notes and requests for a human", () => {
        expect(new Set(data.tickets.map((t) => t.status)).size).toBeGreaterThanOrEqual(3);
        expect(new Set(data.tickets.map((t) => t.priority)).size).toBe(4);
        expect(new Set(data.tickets.map((t) => t.channel)).size).toBeGreaterThanOrEqual(3);
        const messages = data.tickets.flatMap((t) => t.messages);
        expect(messages.filter((m) => m.from === "note").length).toBeGreaterThanOrEqual(5);
        const human = messages.filter(
          (m) => m.from === "customer" && /(manager|human|real person|someone senior)/i.test(m.body),
        );
        expect(human.length).toBeGreaterThanOrEqual(2);
      });

      it("dates every message in order, before the base date", () => {
        for (const ticket of data.tickets) {
          const times = messageTimes(ticket).map((d) => d.getTime());
          expect(times).toEqual([...times].sort((a, b) => a - b));
          const last = times[times.length - 1] ?? 0;
          expect(last, `#${ticket.number}`).toBeLessThan(DEMO_BASE_DATE.getTime());
        }
      });

      it("has at least 8 knowledge articles, public and internal, with unique slugs", () => {
        expect(data.articles.length).toBeGreaterThanOrEqual(8);
        expect(new Set(data.articles.map((a) => a.slug)).size).toBe(data.articles.length);
        expect(new Set(data.articles.map((a) => a.tier))).toEqual(new Set(["public", "internal"]));
        for (const article of data.articles) expect(article.body.length).toBeGreaterThan(200);
      });
    });
  }
});
