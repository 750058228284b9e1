import { normalizeServerUrl } from "@keel/shared";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { toExtError } from "~lib/api-error";
import type { TConnectedStatus } from "~lib/connection";
import { callBackground } from "~lib/messages";
import { hostPermissionPattern } from "~lib/permissions";
import type { TExtError } from "~lib/result";
import { asksForTenant, tenantSlugsInMessage } from "~lib/tenant-choice";
import { Button } from "../ui/Button";
import { Notice } from "../ui/Notice";
import { Field } from "./Field";

export const DEFAULT_SERVER_URL = "http://localhost:3000";

type TConnectFormProps = { initialServerUrl: string | null; onConnected: (status: TConnectedStatus) => void };

/** Asks Chrome for access to a server outside the manifest's own hosts; must run inside the click's user gesture. */
async function requestHostAccess(serverUrl: string): Promise<boolean> {
  const pattern = hostPermissionPattern(serverUrl);
  if (!pattern) return true;
  try {
    return await chrome.permissions.request({ origins: [pattern] });
  } catch {
    return false;
  }
}

export function ConnectForm({ initialServerUrl, onConnected }: TConnectFormProps) {
  const [serverUrl, setServerUrl] = useState(initialServerUrl ?? DEFAULT_SERVER_URL);
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [tenant, setTenant] = useState("");
  const [tenantPrompt, setTenantPrompt] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<TExtError | null>(null);
  const tenantRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (tenantPrompt !== null) tenantRef.current?.focus();
  }, [tenantPrompt]);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    let normalized: string;
    try {
      normalized = normalizeServerUrl(serverUrl);
    } catch (err) {
      setError(toExtError(err, serverUrl));
      return;
    }
    setSubmitting(true);
    try {
      if (!(await requestHostAccess(normalized))) {
        setError({
          code: "PERMISSION_REQUIRED",
          message: `Keel needs your permission to reach ${normalized}. Connect again and choose "Allow" when Chrome asks.`,
        });
        return;
      }
      const result = await callBackground("connect", {
        serverUrl: normalized,
        email,
        password,
        ...(tenantPrompt !== null && tenant.trim() ? { tenantSlug: tenant.trim() } : {}),
      });
      if (result.ok) return onConnected(result.data);
      if (asksForTenant(result.error)) setTenantPrompt(result.error.message);
      else setError(result.error);
    } finally {
      setSubmitting(false);
    }
  }

  const suggestions = tenantPrompt ? tenantSlugsInMessage(tenantPrompt) : [];

  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="keel-connect-title" className="space-y-5">
      <div>
        <h2 id="keel-connect-title" className="text-lg font-semibold tracking-tight text-slate-900">
          Connect to Keel
        </h2>
        <p className="mt-1 text-sm text-slate-600">
          Sign in with your Keel account to use the copilot in your helpdesk.
        </p>
      </div>

      <Field
        id="keel-server-url"
        name="serverUrl"
        label="Server URL"
        type="url"
        inputMode="url"
        autoComplete="url"
        spellCheck={false}
        required
        value={serverUrl}
        onChange={(e) => setServerUrl(e.target.value)}
        disabled={submitting}
        hint="The address of your Keel server, for example http://localhost:3000."
      />
      <Field
        id="keel-email"
        name="email"
        label="E-mail"
        type="email"
        autoComplete="username"
        required
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        disabled={submitting}
      />
      <Field
        id="keel-password"
        name="password"
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        value={password}
        onChange={(e) => setPassword(e.target.value)}
        disabled={submitting}
      />

      {tenantPrompt !== null ? (
        <div className="space-y-3">
          <Notice tone="info" testId="keel-tenant-prompt">
            {tenantPrompt}
          </Notice>
          <Field
            id="keel-tenant"
            name="tenant"
            label="Tenant"
            autoComplete="organization"
            spellCheck={false}
            placeholder="tenant-slug"
            inputRef={tenantRef}
            value={tenant}
            onChange={(e) => setTenant(e.target.value)}
            disabled={submitting}
            hint="The short name (slug) of the tenant to work in."
          />
          {suggestions.length ? (
            <fieldset className="flex flex-wrap items-center gap-1.5">
              <legend className="sr-only">Suggestions</legend>
              {suggestions.map((slug) => (
                <button
                  key={slug}
                  type="button"
                  onClick={() => setTenant(slug)}
                  aria-pressed={tenant === slug}
                  data-testid="keel-tenant-suggestion"
                  className={`rounded-full px-2.5 py-1 text-xs font-medium ring-1 ring-inset transition-colors focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-indigo-600 ${
                    tenant === slug
                      ? "bg-indigo-600 text-white ring-indigo-600"
                      : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"
                  }`}
                >
                  {slug}
                </button>
              ))}
            </fieldset>
          ) : null}
        </div>
      ) : null}

      {error ? (
        <Notice tone="error" testId="keel-connect-error">
          <span data-testid="keel-connect-error-message">{error.message}</span>
          <span className="sr-only"> </span>
          <code
            data-testid="keel-connect-error-code"
            className="ml-1.5 font-mono text-[11px] text-red-700/80"
          >
            {error.code}
          </code>
        </Notice>
      ) : null}

      <Button type="submit" busy={submitting} className="w-full" data-testid="keel-connect-submit">
        {submitting ? "Connecting…" : "Connect"}
      </Button>
    </form>
  );
}
