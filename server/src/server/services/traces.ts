import type { Prisma } from "@keel/db";
import { newId } from "@keel/db";
import type { TActor } from "../actor";
import { PROMPTS, type TPromptId } from "../prompts";

/** What a copilot step records besides who, where and which prompt (already redacted by the caller). */
export type TTraceFields = {
  ticketId: string | null;
  step: "summarize" | "suggest" | "draft";
  prompt: TPromptId;
  model: string;
  startedAt: number;
  policyVersion?: number | null;
  charterVersion?: number | null;
  settings?: Prisma.InputJsonValue;
  retrieved?: Prisma.InputJsonValue;
  toolCalls?: Prisma.InputJsonValue;
  input: Prisma.InputJsonValue;
  output: Prisma.InputJsonValue;
};

/**
 * Stores one copilot step's trace in the caller's tenant transaction (with the step's audit event) and
 * returns its id. The prompt's id and version come from the registry in force (prompts/index.ts);
 * latency is measured from `startedAt` (performance.now()).
 */
export async function storeTrace(
  tx: Prisma.TransactionClient,
  actor: TActor,
  fields: TTraceFields,
): Promise<string> {
  const prompt = PROMPTS[fields.prompt];
  const id = newId("trc");
  await tx.copilotTrace.create({
    data: {
      id,
      tenantId: actor.tenant.id,
      ticketId: fields.ticketId,
      actorId: actor.userId,
      step: fields.step,
      promptId: prompt.id,
      promptVersion: prompt.version,
      policyVersion: fields.policyVersion ?? null,
      charterVersion: fields.charterVersion ?? null,
      model: fields.model,
      settings: fields.settings ?? {},
      retrieved: fields.retrieved ?? [],
      toolCalls: fields.toolCalls ?? [],
      input: fields.input,
      output: fields.output,
      latencyMs: Math.round(performance.now() - fields.startedAt),
    },
  });
  return id;
}
