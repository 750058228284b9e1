import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import * as z from "zod";
import { getEnv, oidcEnabled } from "~/env";
import { getDatabase } from "../db";
import { findUserByEmail, membershipsOf, verifyCredentials } from "../services/identity";
import { consoleCookies, secureCookiesFor } from "./cookies";

const ZCredentials = z.object({
  email: z.string().trim().toLowerCase().email(),
  password: z.string().min(1).max(200),
});

type OidcProfile = { sub: string; email?: string; name?: string };

function oidcProvider(): OAuthConfig<OidcProfile> {
  const env = getEnv();
  return {
    id: "oidc",
    name: env.OIDC_NAME,
    type: "oauth",
    wellKnown: `${env.OIDC_ISSUER}/.well-known/openid-configuration`,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(profile) {
      return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.email ?? null };
    },
  };
}

/**
 * next-auth for the web console: credentials for seeded/local users, plus an OIDC provider when
 * OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET are set. OIDC users must already exist in Keel
 * (matched by e-mail); nobody is provisioned by signing in.
 */
export function getAuthOptions(): NextAuthOptions {
  const env = getEnv();
  return {
    secret: env.NEXTAUTH_SECRET,
    session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
    pages: { signIn: "/signin" },
    // httpOnly + SameSite=Lax always; Secure and __Secure-/__Host- names when served over https.
    useSecureCookies: secureCookiesFor(env.NEXTAUTH_URL),
    cookies: consoleCookies(secureCookiesFor(env.NEXTAUTH_URL)),
    providers: [
      CredentialsProvider({
        name: "E-mail and password",
        credentials: {
          email: { label: "E-mail", type: "email" },
          password: { label: "Password", type: "password" },
        },
        async authorize(raw) {
          const parsed = ZCredentials.safeParse(raw);
          if (!parsed.success) return null;
          const db = await getDatabase();
          const user = await verifyCredentials(db, parsed.data.email, parsed.data.password);
          return user ? { id: user.id, email: user.email, name: user.name } : null;
        },
      }),
      ...(oidcEnabled(env) ? [oidcProvider()] : []),
    ],
    callbacks: {
      async signIn({ user, account }) {
        if (account?.provider !== "oidc") return true;
        if (!user.email) return false;
        const db = await getDatabase();
        const known = await findUserByEmail(db, user.email);
        return Boolean(known);
      },
      async jwt({ token, user, account }) {
        if (user && account) {
          const db = await getDatabase();
          const email = (user.email ?? "").toLowerCase();
          const known = await findUserByEmail(db, email);
          if (!known) return { ...token, keelUserId: undefined };
          const memberships = await membershipsOf(db, known.id);
          token.keelUserId = known.id;
          token.keelTenantId = memberships[0]?.tenantId ?? null;
          token.name = known.name;
          token.email = known.email;
        }
        return token;
      },
      async session({ session, token }) {
        return {
          ...session,
          keelUserId: typeof token.keelUserId === "string" ? token.keelUserId : null,
          keelTenantId: typeof token.keelTenantId === "string" ? token.keelTenantId : null,
        };
      },
    },
  };
}
