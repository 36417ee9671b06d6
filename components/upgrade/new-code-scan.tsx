"use client";

import type { AppKey } from "@/lib/aws/accounts";
import { appApiPath } from "@/lib/fleet/paths";
import { useQuery } from "@tanstack/react-query";
import type { NewCodePreview } from "@/lib/upgrades/code-check";
import { queryKeys } from "@/lib/query-keys";
import { fetchJson } from "@/components/charts/fetch-json";
import { CodeScanPanel } from "@/components/app/code-scan-panel";
import { Field } from "./wizard-fields";

/** The new code's scan for the preflight; idle when there is nothing to scan (no key, or a 1.x target). */
export function useNewCodeScan(app: AppKey, codeKey: string, active: boolean) {
  return useQuery({
    queryKey: queryKeys.newCodeScan(app, codeKey),
    queryFn: () => fetchJson<NewCodePreview>(`${appApiPath(app, "code-scan")}?key=${encodeURIComponent(codeKey)}`),
    enabled: active && codeKey !== "",
    retry: false,
    staleTime: 30_000,
  });
}

export const MIN_OVERRIDE = 10;

/** Whether the preflight may be sent: the scan is done and nothing it found stops the upgrade unanswered. */
export function scanAllowsSubmit(query: ReturnType<typeof useNewCodeScan>, override: string): boolean {
  if (!query.isEnabled) return true;
  if (query.isPending) return false;
  // A failed preview does not decide: the server scans again when the upgrade is sent, and says what it finds.
  if (query.isError) return true;
  const gate = query.data.gate;
  return !gate.refused && (!gate.blocker || override.trim().length >= MIN_OVERRIDE);
}

/** The preflight's code section: the scan, and the written override a breaking build needs. */
export function NewCodeScan({
  query,
  override,
  onOverride,
  errors,
}: {
  query: ReturnType<typeof useNewCodeScan>;
  override: string;
  onOverride: (value: string) => void;
  errors: { codeKey?: string[]; scanOverride?: string[] };
}) {
  if (!query.isEnabled && !errors.scanOverride) return null;
  const gate = query.data?.gate;
  const needsOverride = Boolean(gate?.blocker || errors.scanOverride);
  return (
    <section aria-label="New code scan" className="space-y-2" data-testid="new-code-scan">
      <h3 className="font-medium">New code scan</h3>
      {query.isPending && query.isEnabled ? (
        <p role="status" className="text-slate-600" data-testid="new-code-scan-loading">
          Scanning the new code for what breaks on the target runtime…
        </p>
      ) : query.isError ? (
        <p role="alert" className="rounded border border-amber-300 bg-amber-50 px-3 py-2 text-amber-900">
          The new code could not be checked here ({query.error.message}). The server scans it again when you send this,
          and refuses code that will break.{" "}
          <button type="button" onClick={() => void query.refetch()} className="font-medium underline">
            Try again
          </button>
        </p>
      ) : query.data?.location ? (
        <CodeScanPanel scan={query.data.scan} location={query.data.location} />
      ) : query.data ? (
        <p className="text-slate-600">This application has no code in S3 to place the new code beside.</p>
      ) : null}
      {gate?.refused ? (
        <p role="alert" className="font-medium text-red-800">
          {gate.refused}
        </p>
      ) : needsOverride ? (
        <div className="space-y-2 rounded border border-red-300 bg-red-50 px-3 py-2" data-testid="scan-blocker">
          <p className="font-medium text-red-900">{errors.codeKey?.[0] ?? gate?.blocker}</p>
          <p>Fix the build and give its key, or write why this code should be upgraded to anyway.</p>
          <Field
            label="Override: why upgrade to this code anyway? (recorded in the audit trail)"
            error={errors.scanOverride}
            hint={`At least ${MIN_OVERRIDE} characters.`}
          >
            {(id, aria) => (
              <textarea
                id={id}
                {...aria}
                value={override}
                onChange={(e) => onOverride(e.target.value)}
                rows={2}
                maxLength={500}
                className="w-full rounded border border-slate-300 px-2 py-1"
              />
            )}
          </Field>
        </div>
      ) : null}
    </section>
  );
}
