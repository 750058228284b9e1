/*
 * Keel's built-in policy, in force for every tenant until it publishes its own (the console's policy
 * editor starts from this text). Kept as a TypeScript string so that Next's server bundle, vitest and
 * tsx all load it the same way, without file-system paths. docs/decisions/005-policy-as-code-with-cedar.md
 * explains the conventions; the engine's unit tests pin what this policy decides.
 */
export const DEFAULT_POLICY_SOURCE = `// Keel default policy (Cedar).
//
// The permission matrix decides which role may attempt which action. This policy adds conditions on
// attributes. Nothing is allowed unless a permit matches; a matching forbid always wins.
//
//   principal  Keel::Role::"agent" | "supervisor" | "admin" | "auditor"
//   action     Keel::Action::"order.refund", ... or a group: "low-risk", "medium-risk", "high-risk", "writes"
//   resource   Keel::Tenant (the workspace)
//   context    customerVerified (Bool), customerTier ("standard" | "premium" | "enterprise"),
//              rolloutMode ("assistive" | "controlled" | "scale");
//              refunds add amountMinor (Long, in minor units: 50.00 is 5000) and currency;
//              ticket.setStatus adds status, ticket.assignQueue adds queue, ticket.addTags adds tags.
//
// Annotations Keel reads from the policies that decide:
//   @id("...")         required and unique; recorded with every decision
//   @approvals("N")    on a permit: allowed only after N approvals (the highest N that matches wins)
//   @escalate("true")  the conversation also goes to a human
//   @reason("...")     the explanation shown to the agent
// Every permit grants what it matches, annotated or not.

// ---- everyday work -------------------------------------------------------------------------------

@id("allow-low-and-medium-risk")
permit (
  principal,
  action in [Keel::Action::"low-risk", Keel::Action::"medium-risk"],
  resource
);

// Defence in depth: auditors read, they never change anything (the matrix says so too).
@id("auditors-never-write")
@reason("Auditors can read but never change anything")
forbid (principal == Keel::Role::"auditor", action in Keel::Action::"writes", resource);

// ---- refunds -------------------------------------------------------------------------------------

@id("refund-up-to-50-supervisor")
@reason("Supervisors may refund up to 50 without approval")
permit (principal == Keel::Role::"supervisor", action == Keel::Action::"order.refund", resource)
when { context.amountMinor <= 5000 };

@id("refund-needs-approval")
@approvals("1")
@reason("Refunds above 50, and refunds requested by anyone but a supervisor, need one approval")
permit (principal, action == Keel::Action::"order.refund", resource)
unless { principal == Keel::Role::"supervisor" && context.amountMinor <= 5000 };

@id("refund-over-500-two-approvals")
@approvals("2")
@reason("Refunds above 500 need two approvals")
permit (principal, action == Keel::Action::"order.refund", resource)
when { context.amountMinor > 50000 };

// ---- orders and accounts -------------------------------------------------------------------------

@id("order-cancel")
permit (principal, action == Keel::Action::"order.cancel", resource);

@id("revoke-access-one-approval")
@approvals("1")
@reason("Revoking access to an account needs one approval")
permit (principal, action == Keel::Action::"account.revokeAccess", resource);

@id("owner-change-one-approval")
@approvals("1")
@reason("Changing an account's owner needs one approval")
permit (principal, action == Keel::Action::"account.changeOwner", resource);

// While a tenant is still in assistive mode, an ownership transfer takes two people.
@id("owner-change-two-approvals-while-assistive")
@approvals("2")
@reason("While the workspace is in assistive mode, changing an account's owner needs two approvals")
permit (principal, action == Keel::Action::"account.changeOwner", resource)
when { context.rolloutMode == "assistive" };

@id("password-reset")
permit (principal, action == Keel::Action::"account.sendPasswordReset", resource);

// ---- identity ------------------------------------------------------------------------------------

@id("password-reset-requires-verified-identity")
@reason("A password reset needs a verified customer identity: request verification first")
forbid (principal, action == Keel::Action::"account.sendPasswordReset", resource)
unless { context.customerVerified };

@id("owner-change-requires-verified-identity")
@reason("Changing an account's owner needs a verified customer identity: request verification first")
forbid (principal, action == Keel::Action::"account.changeOwner", resource)
unless { context.customerVerified };

// ---- key accounts --------------------------------------------------------------------------------

@id("key-account-high-risk-escalates")
@escalate("true")
@reason("High-risk changes for premium and enterprise customers also go to a human")
permit (principal, action in Keel::Action::"high-risk", resource)
when { ["premium", "enterprise"].contains(context.customerTier) };
`;
