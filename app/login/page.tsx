import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/current-user";
import { safeReturnTo } from "@/lib/auth/oidc";

export const dynamic = "force-dynamic";

const errors: Record<string, string> = {
  expired: "The sign-in took too long or was started in another tab. Please sign in again.",
  failed: "The identity provider's answer could not be verified. Please sign in again.",
  idp: "The identity provider cannot be reached right now. Try again in a moment.",
  norole:
    "You are signed in at your identity provider, but none of your groups grants a role in this dashboard. Ask an administrator to add you to one.",
};

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ returnTo?: string; error?: string }>;
}) {
  const { returnTo, error } = await searchParams;
  if (!error && (await currentUser())) redirect(safeReturnTo(returnTo));
  const start = `/auth/login?returnTo=${encodeURIComponent(safeReturnTo(returnTo))}`;
  return (
    <section className="mx-auto mt-16 max-w-md rounded border border-slate-200 bg-white p-6">
      <h1 className="mb-2 text-xl font-semibold">Sign in</h1>
      <p className="mb-4 text-sm text-slate-600">
        The dashboard can change production applications, so everyone signs in with the company&apos;s identity
        provider. What you may do follows your groups there.
      </p>
      {error ? (
        <p role="alert" className="mb-4 rounded border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900">
          {errors[error] ?? errors.failed}
        </p>
      ) : null}
      <a
        href={start}
        className="inline-block rounded bg-sky-700 px-4 py-2 text-sm font-medium text-white hover:bg-sky-800 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-700"
      >
        Sign in with your identity provider
      </a>
    </section>
  );
}
