import type { Metadata } from "next";
import { getEnv, oidcEnabled } from "~/env";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string }> };

/** Only relative paths are accepted as a return address (no open redirect). */
function safeCallback(raw: string | undefined): string {
  return raw?.startsWith("/") && !raw.startsWith("//") ? raw : "/console";
}

export default async function SignInPage({ searchParams }: Props) {
  const params = await searchParams;
  const env = getEnv();
  return (
    <div className="grid min-h-screen place-items-center px-4">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex items-center justify-center gap-2 text-xl font-semibold">
          <span className="grid h-9 w-9 place-items-center rounded-lg bg-indigo-600 text-white">K</span>
          Keel
        </div>
        <SignInForm
          callbackUrl={safeCallback(params.callbackUrl)}
          initialError={params.error ? "Sign-in failed. Check your e-mail and password." : null}
          oidc={oidcEnabled(env) ? { name: env.OIDC_NAME } : null}
          showDemoUsers={env.NODE_ENV !== "production" || env.KEEL_DEMO === "1"}
        />
      </div>
    </div>
  );
}
