import type { Database } from "@keel/db";
import type { TIdentity } from "../actor";
import { createCaller } from "../routers";
import { createContext } from "../trpc/init";

/** A caller as the extension would be: bearer token in the Authorization header. */
export async function callerWithToken(db: Database, token: string | null) {
  const headers = new Headers();
  if (token) headers.set("authorization", `Bearer ${token}`);
  return createCaller(
    await createContext({ db, headers, method: "GET", sessionIdentity: async () => null, selfOrigin: null }),
  );
}

/** A caller as the console would be: a session cookie resolving to this identity. */
export async function callerWithSession(db: Database, identity: TIdentity | null) {
  return createCaller(
    await createContext({
      db,
      headers: new Headers(),
      method: "GET",
      sessionIdentity: async () => identity,
      selfOrigin: null,
    }),
  );
}
