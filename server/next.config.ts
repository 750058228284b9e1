import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

const here = dirname(fileURLToPath(import.meta.url));

const config: NextConfig = {
  poweredByHeader: false,
  // Responses are not gzipped by the app: tRPC answers are small JSON streamed without a length, which
  // Next would otherwise compress one by one (measured: ~6 % of server CPU on the governed path). In
  // production the TLS-terminating proxy compresses; KEEL_HTTP_COMPRESSION=on turns it back on here
  // (docs/decisions/014-one-statement-governed-writes.md).
  compress: process.env.KEEL_HTTP_COMPRESSION === "on",
  reactStrictMode: true,
  // Workspace packages ship TypeScript source.
  transpilePackages: ["@keel/shared", "@keel/db"],
  // Database drivers load WASM/data files relative to their own package: keep them out of the bundle.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/client",
    "@prisma/adapter-pg",
    "@prisma/schema-engine-wasm",
    "@prisma/driver-adapter-utils",
    "pg",
    // Loads its .wasm next to its own file at import time.
    "@cedar-policy/cedar-wasm",
  ],
  turbopack: { root: join(here, "..") },
};

export default config;
