import "server-only";
import * as z from "zod";
import { parseExtensionOrigins } from "./server/http/origins";

/*
 * The one place that reads process.env on the server. Everything else imports `env`.
 * Validated lazily (on first use) so `next build` does not need runtime secrets.
 */
const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  DATABASE_URL: z.string().url().optional(),
  PGLITE_DIR: z.string().optional(),
  NEXTAUTH_SECRET: z.string().min(16, "NEXTAUTH_SECRET must be at least 16 characters").optional(),
  NEXTAUTH_URL: z.string().url().optional(),
  OIDC_ISSUER: z.string().url().optional(),
  OIDC_CLIENT_ID: z.string().optional(),
  OIDC_CLIENT_SECRET: z.string().optional(),
  OIDC_NAME: z.string().default("Single sign-on"),
  EXTENSION_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(365).default(30),
  /** "1" shows the demo users on the sign-in page of a production build (set by `pnpm start`). */
  KEEL_DEMO: z.enum(["0", "1"]).default("0"),
  /**
   * Browser-extension origins that may call the API cross-origin, comma-separated
   * ("chrome-extension://<id>,…"). Unset: any chrome-extension:// origin outside production, none in
   * production (`pnpm start` sets it to the locally built extension's id). See docs/decisions/008.
   */
  KEEL_EXTENSION_ORIGINS: z
    .string()
    .optional()
    .refine(
      (value) => !value?.trim() || parseExtensionOrigins(value) !== null,
      "KEEL_EXTENSION_ORIGINS must be comma-separated chrome-extension://<id> origins",
    ),
  /** "1" enables the benchmark baseline route /api/bench/bare (never in normal operation). */
  KEEL_BENCH: z.enum(["0", "1"]).default("0"),
});
export type TEnv = z.infer<typeof ZEnv>;

let cached: TEnv | undefined;

export function getEnv(): TEnv {
  if (!cached) {
    const parsed = ZEnv.safeParse(process.env);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
      throw new Error(`Invalid server environment: ${details}`);
    }
    cached = parsed.data;
  }
  return cached;
}

/** Whether an OIDC provider is configured (all three variables set). */
export function oidcEnabled(env: TEnv = getEnv()): boolean {
  return Boolean(env.OIDC_ISSUER && env.OIDC_CLIENT_ID && env.OIDC_CLIENT_SECRET);
}
