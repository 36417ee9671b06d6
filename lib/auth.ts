import { headers } from "next/headers";
import { env } from "@/lib/env";

export interface Actor {
  id: string;
  source: "header" | "demo" | "system";
}

/**
 * The acting user for every write. Behind a sign-in proxy, AUTH_USER_HEADER names the trusted header
 * that carries the user; otherwise the configured demo user acts.
 */
export async function currentActor(): Promise<Actor> {
  const header = env().AUTH_USER_HEADER;
  if (header) {
    const value = (await headers()).get(header)?.trim();
    if (!value) throw new Error(`Not signed in: the ${header} header is missing`);
    return { id: value, source: "header" };
  }
  return { id: env().DEMO_USER, source: "demo" };
}
