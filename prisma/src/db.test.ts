import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { describeDatabaseLocation, findWorkspaceRoot, resolveDatabaseLocation } from "./db";

let temp: string;
beforeEach(() => {
  temp = mkdtempSync(join(tmpdir(), "keel-db-"));
  writeFileSync(join(temp, "pnpm-workspace.yaml"), "packages: []\n");
  mkdirSync(join(temp, "server", "src"), { recursive: true });
  vi.spyOn(process, "cwd").mockReturnValue(join(temp, "server", "src"));
  vi.stubEnv("DATABASE_URL", "");
  vi.stubEnv("PGLITE_DIR", "");
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllEnvs();
  rmSync(temp, { recursive: true, force: true });
});

describe("findWorkspaceRoot", () => {
  it("walks up from the working directory to pnpm-workspace.yaml", () => {
    expect(findWorkspaceRoot()).toBe(temp);
    expect(findWorkspaceRoot(join(temp, "server"))).toBe(temp);
  });

  it("says so when there is no workspace above", () => {
    expect(() => findWorkspaceRoot("/")).toThrow(/pnpm-workspace\.yaml/);
  });
});

describe("resolveDatabaseLocation", () => {
  it("defaults to PGlite in <root>/.data/pglite", () => {
    expect(resolveDatabaseLocation()).toEqual({ target: "pglite", dir: join(temp, ".data", "pglite") });
  });

  it("takes a relative PGLITE_DIR from the workspace root, an absolute one as is", () => {
    vi.stubEnv("PGLITE_DIR", "var/db");
    expect(resolveDatabaseLocation()).toEqual({ target: "pglite", dir: join(temp, "var", "db") });
    expect(resolveDatabaseLocation({ pgliteDir: "/srv/keel" })).toEqual({
      target: "pglite",
      dir: "/srv/keel",
    });
    // An absolute folder needs no workspace around it.
    vi.mocked(process.cwd).mockReturnValue("/");
    expect(resolveDatabaseLocation({ pgliteDir: "/srv/keel" })).toEqual({
      target: "pglite",
      dir: "/srv/keel",
    });
  });

  it("uses PostgreSQL when DATABASE_URL or options.url is set", () => {
    vi.stubEnv("DATABASE_URL", "postgresql://u:secret@db:5432/keel");
    const location = resolveDatabaseLocation();
    expect(location).toEqual({ target: "postgresql", url: "postgresql://u:secret@db:5432/keel" });
    expect(describeDatabaseLocation(location)).toBe("PostgreSQL at db:5432/keel");
    expect(resolveDatabaseLocation({ url: "postgresql://other/x" })).toMatchObject({
      url: "postgresql://other/x",
    });
  });
});
