/*
 * Policy as code: the Cedar engine, the governance combination and the knowledge charter. The action
 * service calls decidePolicy then combine; the escalation rules call charterSaysEscalate. What is in
 * force per tenant comes from services/policies.ts (getPublished, getPublishedCharter) and
 * services/permissions.ts (getEffectiveMatrix).
 */
export {
  charterAllowsRead,
  charterAllowsWrite,
  charterNeverInfer,
  charterSaysEscalate,
  DEFAULT_CHARTER,
  DEFAULT_CHARTER_SOURCE,
  HIGH_RISK_TOPICS,
  parseCharter,
  type TCharterVerdict,
  validateCharterSource,
} from "./charter";
export {
  COMBINE_RULES,
  CONFIRM_REQUIRED,
  combine,
  DEFAULT_AUTOMATION_ALLOWLIST,
  runsWithoutClick,
  type TCombined,
  type TCombineInput,
  type TGovernanceEffect,
} from "./combine";
export { DEFAULT_POLICY_SOURCE } from "./defaults/default-policy";
export {
  BUILTIN_RULES,
  decidePolicy,
  initPolicyEngine,
  type TPolicyDecision,
  type TPolicyEffect,
  type TPolicyInput,
  type TRolloutMode,
  validatePolicySource,
} from "./engine";
export { CEDAR_SCHEMA } from "./schema";
