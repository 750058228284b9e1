"use client";

import { signIn } from "next-auth/react";
import { type FormEvent, useState } from "react";

const DEMO_ROLES = ["agent", "supervisor", "admin", "auditor"] as const;
const DEMO_TENANTS = [
  { domain: "northwind.test", name: "Northwind Outfitters (retail)" },
  { domain: "cloudly.test", name: "Cloudly (SaaS)" },
] as const;

type Props = {
  callbackUrl: string;
  initialError: string | null;
  oidc: { name: string } | null;
  showDemoUsers: boolean;
};

export function SignInForm({ callbackUrl, initialError, oidc, showDemoUsers }: Props) {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(initialError);
  const [pending, setPending] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setPending(true);
    setError(null);
    const result = await signIn("credentials", { email, password, redirect: false, callbackUrl });
    if (!result || result.error) {
      setPending(false);
      setError("E-mail or password is incorrect.");
      return;
    }
    window.location.assign(result.url ?? callbackUrl);
  }

  return (
    <div className="rounded-2xl border border-slate-200 bg-white p-6 shadow-sm">
      <h1 className="text-lg font-semibold">Sign in to your workspace</h1>
      <form onSubmit={onSubmit} className="mt-5 space-y-4" noValidate>
        <label className="block text-sm font-medium text-slate-700">
          E-mail
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:ring-indigo-500"
          />
        </label>
        <label className="block text-sm font-medium text-slate-700">
          Password
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            className="mt-1 block w-full rounded-md border border-slate-300 px-3 py-2 text-sm shadow-sm focus:border-indigo-500 focus:ring-indigo-500"
          />
        </label>
        {error ? (
          <p role="alert" className="rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-700">
            {error}
          </p>
        ) : null}
        <button
          type="submit"
          disabled={pending || !email || !password}
          className="w-full rounded-md bg-indigo-600 px-3 py-2 text-sm font-semibold text-white shadow-sm hover:bg-indigo-500 disabled:cursor-not-allowed disabled:opacity-60"
        >
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>
      {oidc ? (
        <button
          type="button"
          onClick={() => void signIn("oidc", { callbackUrl })}
          className="mt-3 w-full rounded-md border border-slate-300 px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-50"
        >
          Continue with {oidc.name}
        </button>
      ) : null}
      {showDemoUsers ? (
        <details className="mt-6 rounded-lg bg-slate-50 p-3 text-sm text-slate-600">
          <summary className="cursor-pointer font-medium text-slate-700">
            Demo users (password keel-demo)
          </summary>
          <ul className="mt-2 space-y-2">
            {DEMO_TENANTS.map((tenant) => (
              <li key={tenant.domain}>
                <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">{tenant.name}</p>
                <div className="mt-1 flex flex-wrap gap-1">
                  {DEMO_ROLES.map((role) => (
                    <button
                      key={role}
                      type="button"
                      onClick={() => {
                        setEmail(`${role}@${tenant.domain}`);
                        setPassword("keel-demo");
                      }}
                      className="rounded border border-slate-200 bg-white px-2 py-0.5 text-xs hover:border-indigo-300 hover:text-indigo-700"
                    >
                      {role}
                    </button>
                  ))}
                </div>
              </li>
            ))}
          </ul>
        </details>
      ) : null}
    </div>
  );
}
