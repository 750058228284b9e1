// Prisma CLI configuration, for `prisma generate` (scripts/generate.mjs) and for anyone who has the
// native schema engine and wants `prisma migrate deploy|status` on the same migrations folder. Keel's
// own scripts (pnpm db:migrate, db:diff) use the WASM engine instead and do not read this file.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  // Only the migrate commands connect; generate works without a URL.
  datasource: { url: process.env.DATABASE_URL ?? "" },
});
