import "server-only";
/*
 * Helpdesk connector credentials, encrypted at rest with the secret box (AES-256-GCM, key from the
 * environment; docs/decisions/010). One credential per tenant and connector. Reads for people give
 * the base URL and a hint (the secret's last four characters), never the secret or its ciphertext;
 * only readConnectorSecret, for the connectors themselves, decrypts. Managing them is for admins
 * (`connector.manage`). The secret never reaches an answer, an audit event, a log line or an error.
 */
import { type Database, newId, withTenant } from "@keel/db";
import {
  CONNECTOR_KINDS,
  can,
  isLocalHttpUrl,
  type TConnectorCredentialView,
  type TConnectorKind,
  type ZSetConnectorCredentialInput,
} from "@keel/shared";
import type * as z from "zod";
import type { TActor } from "../actor";
import { AppError, notFound } from "../errors";
import { auditActorOf, recordAudit } from "./audit";
import { open, SecretBoxError, seal } from "./secret-box";

/** Binds a ciphertext to its row: copied to another tenant or connector, it does not decrypt. */
const associatedData = (tenantId: string, connector: string) =>
  `keel:connector-credential:v1:${tenantId}:${connector}`;

function requireManage(actor: TActor): void {
  const decision = can(actor.role, "connector.manage");
  if (!decision.allowed)
    throw new AppError("FORBIDDEN", `Your role (${actor.role}) may not manage connector credentials.`);
}

type TStored = { connector: string; baseUrl: string; hint: string; keyId: string; updatedAt: Date };

function toView(connector: TConnectorKind, row: TStored | undefined): TConnectorCredentialView {
  return row
    ? {
        connector,
        configured: true,
        baseUrl: row.baseUrl,
        hint: row.hint,
        keyId: row.keyId,
        updatedAt: row.updatedAt.toISOString(),
      }
    : { connector, configured: false, baseUrl: null, hint: null, keyId: null, updatedAt: null };
}

const VIEW_SELECT = { connector: true, baseUrl: true, hint: true, keyId: true, updatedAt: true } as const;

/** Every connector, configured or not, in catalog order. */
export async function listConnectorCredentials(
  db: Database,
  actor: TActor,
): Promise<TConnectorCredentialView[]> {
  requireManage(actor);
  const rows = await withTenant(db, actor.tenant.id, (tx) =>
    tx.connectorCredential.findMany({ where: { tenantId: actor.tenant.id }, select: VIEW_SELECT }),
  );
  const byConnector = new Map(rows.map((r) => [r.connector, r]));
  return CONNECTOR_KINDS.map((connector) => toView(connector, byConnector.get(connector)));
}

/** Stores (or replaces) a connector's credential, encrypted with the current key. */
export async function setConnectorCredential(
  db: Database,
  actor: TActor,
  input: z.output<typeof ZSetConnectorCredentialInput>,
): Promise<TConnectorCredentialView> {
  requireManage(actor);
  if (process.env.NODE_ENV === "production" && isLocalHttpUrl(input.baseUrl))
    throw new AppError("BAD_REQUEST", "Use an https:// address: plain http is for local development only.");
  const tenantId = actor.tenant.id;
  let sealed: { keyId: string; ciphertext: string };
  try {
    sealed = seal(JSON.stringify({ secret: input.secret }), associatedData(tenantId, input.connector));
  } catch (error) {
    if (error instanceof SecretBoxError)
      throw new AppError("SERVICE_UNAVAILABLE", `Connector credentials cannot be stored: ${error.message}`);
    throw error;
  }
  const hint = input.secret.slice(-4);
  const row = await withTenant(db, tenantId, async (tx) => {
    const existing = await tx.connectorCredential.findUnique({
      where: { tenantId_connector: { tenantId, connector: input.connector } },
      select: { id: true },
    });
    const saved = await tx.connectorCredential.upsert({
      where: { tenantId_connector: { tenantId, connector: input.connector } },
      create: {
        id: newId("cred"),
        tenantId,
        connector: input.connector,
        baseUrl: input.baseUrl,
        keyId: sealed.keyId,
        ciphertext: sealed.ciphertext,
        hint,
        createdById: actor.userId,
      },
      update: { baseUrl: input.baseUrl, keyId: sealed.keyId, ciphertext: sealed.ciphertext, hint },
      select: VIEW_SELECT,
    });
    await recordAudit(tx, auditActorOf(actor), {
      action: "connector_credential.set",
      targetType: "connector_credential",
      targetId: input.connector,
      outcome: "success",
      metadata: {
        connector: input.connector,
        baseUrl: input.baseUrl,
        keyId: sealed.keyId,
        replaced: existing !== null,
      },
    });
    return saved;
  });
  return toView(input.connector, row);
}

/** Deletes a connector's credential; NOT_FOUND when none is set. */
export async function deleteConnectorCredential(
  db: Database,
  actor: TActor,
  connector: TConnectorKind,
): Promise<{ connector: TConnectorKind; deleted: true }> {
  requireManage(actor);
  const tenantId = actor.tenant.id;
  const deleted = await withTenant(db, tenantId, async (tx) => {
    const { count } = await tx.connectorCredential.deleteMany({ where: { tenantId, connector } });
    await recordAudit(tx, auditActorOf(actor), {
      action: "connector_credential.delete",
      targetType: "connector_credential",
      targetId: connector,
      outcome: count > 0 ? "success" : "not_found",
      ...(count > 0 ? {} : { reason: "no credential set for this connector" }),
    });
    return count > 0;
  });
  if (!deleted) throw notFound("Connector credential");
  return { connector, deleted: true };
}

export type TConnectorSecret = {
  connector: TConnectorKind;
  baseUrl: string;
  secret: string;
  keyId: string;
  updatedAt: Date;
};

/**
 * For connectors (server side only): the decrypted credential of a tenant's connector, or null when
 * none is set. Throws SecretBoxError (without any secret in its message) when the key is missing or
 * the stored value was altered.
 */
export async function readConnectorSecret(
  db: Database,
  tenantId: string,
  connector: TConnectorKind,
): Promise<TConnectorSecret | null> {
  const row = await withTenant(db, tenantId, (tx) =>
    tx.connectorCredential.findUnique({
      where: { tenantId_connector: { tenantId, connector } },
      select: { baseUrl: true, keyId: true, ciphertext: true, updatedAt: true },
    }),
  );
  if (!row) return null;
  const plaintext = open(
    { keyId: row.keyId, ciphertext: row.ciphertext },
    associatedData(tenantId, connector),
  );
  let secret: unknown;
  try {
    secret = (JSON.parse(plaintext) as { secret?: unknown }).secret;
  } catch {
    secret = undefined;
  }
  if (typeof secret !== "string") throw new SecretBoxError("The stored credential has an unexpected shape.");
  return { connector, baseUrl: row.baseUrl, secret, keyId: row.keyId, updatedAt: row.updatedAt };
}
