import Link from "next/link";

export default function HomePage() {
  return (
    <main className="mx-auto flex min-h-screen max-w-3xl flex-col justify-center px-6">
      <div className="flex items-center gap-3">
        <span className="grid h-10 w-10 place-items-center rounded-lg bg-indigo-600 text-lg font-bold text-white">
          K
        </span>
        <h1 className="text-3xl font-semibold tracking-tight">Keel</h1>
      </div>
      <p className="mt-4 text-lg text-slate-600">
        A governed AI copilot for support teams: summaries with cited sources in your helpdesk, and a server
        that decides who may do what before anything runs.
      </p>
      <div className="mt-8 flex flex-wrap gap-3">
        <Link
          href="/helpdesk"
          className="rounded-md bg-indigo-600 px-4 py-2 text-sm font-semibold text-white hover:bg-indigo-500"
        >
          Open the sandbox helpdesk
        </Link>
        <Link
          href="/console"
          className="rounded-md border border-slate-300 bg-white px-4 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-50"
        >
          Console
        </Link>
        <a href="/api/health" className="rounded-md px-4 py-2 text-sm text-slate-500 hover:text-slate-900">
          Health
        </a>
      </div>
    </main>
  );
}
