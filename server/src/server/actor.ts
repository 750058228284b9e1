import type { TRole } from "@keel/shared";

/** Who is asking, resolved from a session cookie or an extension token. Never from input. */
export type TIdentity =
  | { via: "session"; userId: string; sessionTenantId: string | null }
  | {
      via: "extension_token";
      userId: string;
      tokenId: string;
      tokenTenantId: string;
      tokenExpiresAt: Date;
      /** The actor, when the token lookup already bound it (null: no membership in the token's tenant). */
      actor?: TActor | null;
    };

/** An identity bound to one tenant through a verified membership. */
export type TActor = {
  userId: string;
  email: string;
  name: string;
  role: TRole;
  /** The tenant, with its rollout mode as of this request. */
  tenant: { id: string; slug: string; name: string; rolloutMode: "assistive" | "controlled" | "scale" };
  via: TIdentity["via"];
  tokenId: string | null;
  tokenExpiresAt: Date | null;
  /** The token's scopes (a subset of the role's permissions); absent for console sessions. */
  tokenScopes?: readonly string[];
};
