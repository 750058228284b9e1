import {
  ACTIONS,
  type TActionId,
  type TCharterTopic,
  type TKnowledgeCharter,
  type TKnowledgeTier,
  type TPolicyProblem,
  type TPolicyValidation,
  ZKnowledgeCharter,
} from "@keel/shared";
import defaultCharterJson from "./defaults/default-charter.json";

/*
 * The knowledge charter, evaluated: what the copilot may read and write, and whether a conversation or
 * a proposed action must go to a human. The escalation rules call charterSaysEscalate; it is pure and
 * cheap (keyword patterns are compiled once per charter object).
 */

/** Keel's built-in charter, in force until a tenant publishes its own. */
export const DEFAULT_CHARTER: TKnowledgeCharter = ZKnowledgeCharter.parse(defaultCharterJson);
/** The built-in charter as the document text the console shows and a first draft starts from. */
export const DEFAULT_CHARTER_SOURCE = `${JSON.stringify(defaultCharterJson, null, 2)}\n`;

/**
 * Topics Keel always treats as high risk. A charter that neither escalates nor hands one of these to the
 * copilot (mayHandle.topics) is silent on it, and silence escalates.
 */
export const HIGH_RISK_TOPICS: readonly TCharterTopic[] = DEFAULT_CHARTER.mustEscalate.topics;

export type TCharterVerdict = {
  /** Go to a human: the charter says so, or it is silent on something high risk. */
  escalate: boolean;
  /** The charter says nothing about a high-risk action or topic (escalate is then true as well). */
  silent: boolean;
  /** e.g. "charter:action:account.changeOwner", "charter:topic:legal-threat", "charter:silent-action:order.cancel". */
  ruleId: string | null;
  detail: string;
};

type CompiledTopic = { topic: TCharterTopic; pattern: RegExp };

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Whole-word (or whole-phrase), case-insensitive; whitespace inside a phrase matches any run of it. */
function topicPattern(keywords: readonly string[]): RegExp {
  const alternatives = keywords.map((k) => escapeRegExp(k.trim().toLowerCase()).replace(/\s+/g, "\\s+"));
  return new RegExp(`(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}])`, "iu");
}

const compiledTopics = new WeakMap<readonly TCharterTopic[], CompiledTopic[]>();

function compileTopics(topics: readonly TCharterTopic[]): CompiledTopic[] {
  let compiled = compiledTopics.get(topics);
  if (!compiled) {
    compiled = topics.map((topic) => ({ topic, pattern: topicPattern(topic.keywords) }));
    compiledTopics.set(topics, compiled);
  }
  return compiled;
}

function firstMatch(topics: CompiledTopic[], text: string): { topic: TCharterTopic; keyword: string } | null {
  for (const { topic, pattern } of topics) {
    const match = pattern.exec(text);
    if (match) return { topic, keyword: match[0] };
  }
  return null;
}

/**
 * Whether the charter sends this conversation or proposed action to a human. In order: an action the
 * charter always escalates; a topic it always escalates (found in the text); a high-risk action it is
 * silent on; a high-risk topic it is silent on.
 */
export function charterSaysEscalate(
  charter: TKnowledgeCharter,
  input: { actionId?: TActionId | null; text?: string | null },
): TCharterVerdict {
  const { actionId } = input;
  const text = (input.text ?? "").slice(0, 50_000);

  if (actionId && charter.mustEscalate.actions.includes(actionId)) {
    return {
      escalate: true,
      silent: false,
      ruleId: `charter:action:${actionId}`,
      detail: `The knowledge charter says "${ACTIONS[actionId].title}" must always go to a human.`,
    };
  }
  const escalated = text ? firstMatch(compileTopics(charter.mustEscalate.topics), text) : null;
  if (escalated) {
    return {
      escalate: true,
      silent: false,
      ruleId: `charter:topic:${escalated.topic.id}`,
      detail: `The conversation mentions "${escalated.keyword}" (${escalated.topic.label}); the knowledge charter says this must go to a human.`,
    };
  }
  if (actionId && ACTIONS[actionId].risk === "high" && !charter.mayHandle.actions.includes(actionId)) {
    return {
      escalate: true,
      silent: true,
      ruleId: `charter:silent-action:${actionId}`,
      detail: `The knowledge charter says nothing about "${ACTIONS[actionId].title}", a high-risk action.`,
    };
  }
  if (text) {
    const covered = new Set([...charter.mustEscalate.topics.map((t) => t.id), ...charter.mayHandle.topics]);
    const uncovered = HIGH_RISK_TOPICS.filter((t) => !covered.has(t.id));
    const silent = firstMatch(compileTopics(uncovered), text);
    if (silent) {
      return {
        escalate: true,
        silent: true,
        ruleId: `charter:silent-topic:${silent.topic.id}`,
        detail: `The conversation mentions "${silent.keyword}" (${silent.topic.label}), which the knowledge charter does not cover.`,
      };
    }
  }
  return {
    escalate: false,
    silent: false,
    ruleId: null,
    detail: "The knowledge charter does not require a human.",
  };
}

/** Whether the copilot may read (and cite) knowledge of this tier. */
export function charterAllowsRead(charter: TKnowledgeCharter, tier: TKnowledgeTier): boolean {
  return charter.knowledge.read.includes(tier);
}

/** Whether the copilot may write (draft for review) knowledge of this tier. */
export function charterAllowsWrite(charter: TKnowledgeCharter, tier: TKnowledgeTier): boolean {
  return charter.knowledge.write.includes(tier);
}

/** What the copilot must never infer about a person, as labels for a prompt or a reviewer. */
export function charterNeverInfer(charter: TKnowledgeCharter): string[] {
  return charter.neverInfer.map((n) => n.label);
}

// ---- validation ---------------------------------------------------------------------------------------

/**
 * Where a JSON text stops being valid, as a character index: a small strict scanner, because V8's
 * messages only sometimes carry a position.
 */
export function jsonErrorIndex(text: string): number | null {
  let i = 0;
  const fail = (): never => {
    throw i;
  };
  const space = () => {
    while (i < text.length && " \t\n\r".includes(text[i] as string)) i += 1;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    i += 1; // opening quote
    while (i < text.length) {
      const c = text[i] as string;
      if (c === '"') {
        i += 1;
        return;
      }
      if (c === "\\") {
        const next = text[i + 1] ?? "";
        if (next === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail();
          i += 6;
        } else if ('"\\/bfnrt'.includes(next) && next !== "") i += 2;
        else fail();
      } else if (c < " ") fail();
      else i += 1;
    }
    fail();
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i));
    if (!match) fail();
    i += (match as RegExpExecArray)[0].length;
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === "{") {
      i += 1;
      space();
      if (text[i] === "}") {
        i += 1;
        return;
      }
      for (;;) {
        space();
        if (text[i] !== '"') fail();
        string();
        space();
        if (text[i] !== ":") fail();
        i += 1;
        value();
        space();
        if (text[i] === ",") i += 1;
        else if (text[i] === "}") {
          i += 1;
          return;
        } else fail();
      }
    }
    if (c === "[") {
      i += 1;
      space();
      if (text[i] === "]") {
        i += 1;
        return;
      }
      for (;;) {
        value();
        space();
        if (text[i] === ",") i += 1;
        else if (text[i] === "]") {
          i += 1;
          return;
        } else fail();
      }
    }
    if (c === '"') string();
    else if (c === "t") literal("true");
    else if (c === "f") literal("false");
    else if (c === "n") literal("null");
    else number();
  };
  try {
    value();
    space();
    return i < text.length ? i : null;
  } catch (at) {
    return typeof at === "number" ? Math.min(at, text.length) : null;
  }
}

/** The line on which the value at a JSON path starts, found by walking the text (best effort). */
function lineOfPath(source: string, path: readonly PropertyKey[]): number | null {
  const last = [...path].reverse().find((p) => typeof p === "string");
  if (typeof last !== "string") return null;
  const index = source.indexOf(JSON.stringify(last));
  return index < 0 ? null : source.slice(0, index).split("\n").length;
}

/** Parses and validates a charter document; the charter is returned when valid. */
export function parseCharter(source: string): {
  charter: TKnowledgeCharter | null;
  errors: TPolicyProblem[];
} {
  let json: unknown;
  try {
    json = JSON.parse(source);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const index = jsonErrorIndex(source);
    const before = index === null ? null : source.slice(0, index);
    const at =
      before === null
        ? null
        : { line: before.split("\n").length, column: before.length - before.lastIndexOf("\n") };
    return {
      charter: null,
      errors: [
        {
          message: `Not valid JSON: ${message.replace(/ in JSON at position \d+.*$/, "").replace(/, ".*" is not valid JSON$/s, "")}`,
          line: at?.line ?? null,
          column: at?.column ?? null,
          where: null,
          help: null,
        },
      ],
    };
  }
  const parsed = ZKnowledgeCharter.safeParse(json);
  if (parsed.success) return { charter: parsed.data, errors: [] };
  return {
    charter: null,
    errors: parsed.error.issues.map((issue) => {
      const where = issue.path.length > 0 ? issue.path.map(String).join(".") : null;
      return {
        message: where ? `${where}: ${issue.message}` : issue.message,
        line: lineOfPath(source, issue.path),
        column: null,
        where,
        help: null,
      };
    }),
  };
}

/** Validates a charter document without saving it. */
export function validateCharterSource(source: string): TPolicyValidation {
  const { errors } = parseCharter(source);
  return { valid: errors.length === 0, errors, ruleIds: [] };
}
