import type { TCitedMessage, TTicketSummary } from "@keel/shared";

export type TCitationMarker = { messageId: string; position: number };
export type TSentenceView = { text: string; markers: TCitationMarker[] };
export type TSummaryView = {
  sentences: TSentenceView[];
  /** The cited messages in conversation order, each once. */
  sources: TCitedMessage[];
  /** Message ids a sentence cites that the answer does not describe (shown as a warning, never dropped silently). */
  unknownMessageIds: string[];
};

/**
 * Turns a summary into what the sidebar shows: each sentence with "[n]" markers that use the
 * message's position in the conversation, and the list of sources those markers point to.
 */
export function buildSummaryView(summary: Pick<TTicketSummary, "sentences" | "citations">): TSummaryView {
  const byId = new Map<string, TCitedMessage>();
  for (const citation of summary.citations) {
    if (!byId.has(citation.messageId)) byId.set(citation.messageId, citation);
  }
  const unknown = new Set<string>();

  const sentences = summary.sentences.map((sentence) => {
    const markers: TCitationMarker[] = [];
    for (const messageId of new Set(sentence.citations)) {
      const cited = byId.get(messageId);
      if (cited) markers.push({ messageId, position: cited.position });
      else unknown.add(messageId);
    }
    markers.sort((a, b) => a.position - b.position);
    return { text: sentence.text, markers };
  });

  const sources = [...byId.values()].sort((a, b) => a.position - b.position);
  return { sentences, sources, unknownMessageIds: [...unknown] };
}

export const AUTHOR_TYPE_LABEL: Record<TCitedMessage["authorType"], string> = {
  customer: "Customer",
  agent: "Agent",
  system: "System",
};
