import { cloudly } from "./demo/cloudly";
import { northwind } from "./demo/northwind";
import type { DemoTenant, DemoTenantData, DemoUser } from "./demo/types";

// The demo data set: facts that seeding writes and that tests and the UI may rely on. The
// conversations themselves live in ./demo/<tenant>.ts.

export type {
  CustomerTier,
  DemoTenant,
  DemoTenantData,
  DemoUser,
  SeedArticle,
  SeedAuthor,
  SeedCustomer,
  SeedMessage,
  SeedTicket,
} from "./demo/types";

/** The password of every demo user. */
export const DEMO_PASSWORD = "keel-demo";

/** All seeded timestamps are fixed offsets before this instant, so re-seeding never changes them. */
export const DEMO_BASE_DATE = new Date("2026-11-20T17:00:00.000Z");

/** Tickets are numbered per tenant starting here. */
export const DEMO_FIRST_TICKET_NUMBER = 1001;

/** Everything seeded per tenant. */
export const DEMO_DATA: readonly DemoTenantData[] = [northwind, cloudly];

/** The demo tenants: a retail web store and a B2B SaaS company. */
export const DEMO_TENANTS: readonly DemoTenant[] = DEMO_DATA.map((data) => data.tenant);

/** One user per role per tenant; all sign in with DEMO_PASSWORD. */
export const DEMO_USERS: readonly DemoUser[] = [
  { email: "agent@northwind.test", name: "Maya Okafor", role: "agent", tenantSlug: "northwind" },
  { email: "supervisor@northwind.test", name: "Daniel Reyes", role: "supervisor", tenantSlug: "northwind" },
  { email: "admin@northwind.test", name: "Priya Natarajan", role: "admin", tenantSlug: "northwind" },
  { email: "auditor@northwind.test", name: "Tom Lindqvist", role: "auditor", tenantSlug: "northwind" },
  { email: "agent@cloudly.test", name: "Jordan Blake", role: "agent", tenantSlug: "cloudly" },
  { email: "supervisor@cloudly.test", name: "Aisha Rahman", role: "supervisor", tenantSlug: "cloudly" },
  { email: "admin@cloudly.test", name: "Marcus Chen", role: "admin", tenantSlug: "cloudly" },
  { email: "auditor@cloudly.test", name: "Elena Petrova", role: "auditor", tenantSlug: "cloudly" },
];
