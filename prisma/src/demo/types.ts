import type { KnowledgeTier, Role, TicketPriority, TicketStatus } from "../generated/prisma/enums";

/** A demo tenant: its natural key (slug), display name and line of business. */
export interface DemoTenant {
  slug: string;
  name: string;
  industry: string;
}

/** A demo user: one per role per tenant, all signing in with DEMO_PASSWORD. */
export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  tenantSlug: string;
}

export type CustomerTier = "standard" | "premium" | "enterprise";

export interface SeedCustomer {
  email: string;
  name: string;
  phone?: string;
  tier: CustomerTier;
}

/**
 * Who wrote a message: the customer, the ticket's assignee ("agent"), an internal note by the
 * assignee ("note"), the tenant's supervisor, or the helpdesk itself ("system").
 */
export type SeedAuthor = "customer" | "agent" | "note" | "supervisor" | "system";

export interface SeedMessage {
  from: SeedAuthor;
  body: string;
  /** Minutes after the previous message (a default rhythm is used when absent). */
  after?: number;
}

export interface SeedTicket {
  number: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  channel: "email" | "chat" | "web" | "phone";
  tags: readonly string[];
  /** The customer's e-mail (the natural key within the tenant). */
  customer: string;
  assignee: "agent" | "supervisor" | null;
  /** Days before DEMO_BASE_DATE the first message was written. */
  openedDaysAgo: number;
  messages: readonly SeedMessage[];
}

export interface SeedArticle {
  slug: string;
  title: string;
  tier: KnowledgeTier;
  tags: readonly string[];
  body: string;
}

/** A retail order (refund/cancel actions act on these). Amounts in major units. */
export interface SeedOrder {
  number: string;
  customer: string;
  status: "pending" | "processed" | "delivered" | "cancelled" | "refunded";
  total: number;
  refunded?: number;
  currency: string;
  placedDaysAgo: number;
}

/** A SaaS customer account/workspace (ownership and access actions act on these). */
export interface SeedAccount {
  key: string;
  name: string;
  customer: string;
  ownerEmail: string;
}

export interface DemoTenantData {
  tenant: DemoTenant;
  customers: readonly SeedCustomer[];
  tickets: readonly SeedTicket[];
  articles: readonly SeedArticle[];
  orders?: readonly SeedOrder[];
  accounts?: readonly SeedAccount[];
  /** Customers whose identity is already verified in the demo. */
  verifiedCustomers?: readonly string[];
}

/** A customer message. */
export const customer = (body: string, after?: number): SeedMessage => ({ from: "customer", body, after });
/** A reply from the ticket's assignee. */
export const agent = (body: string, after?: number): SeedMessage => ({ from: "agent", body, after });
/** An internal note from the ticket's assignee (never shown to the customer). */
export const note = (body: string, after?: number): SeedMessage => ({ from: "note", body, after });
/** A reply from the tenant's supervisor. */
export const supervisor = (body: string, after?: number): SeedMessage => ({
  from: "supervisor",
  body,
  after,
});
/** An automatic event written by the helpdesk. */
export const system = (body: string, after?: number): SeedMessage => ({ from: "system", body, after });
