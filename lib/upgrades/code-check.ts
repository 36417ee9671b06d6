import type { ScanResult } from "@/lib/compat/scan";
import { scanS3Object } from "@/lib/compat/s3-source";
import { dbScanCache } from "@/lib/fleet/code-scan-store";
import { s3LocationOf } from "@/lib/fleet/code-scan";

/**
 * The new code, scanned before anything is sent: it lives in the bucket of the application's current code (MSF
 * reads both from there). Null when the application has no S3 code to place it beside.
 */
export async function scanNewCode(
  app: { region: string; codeLocation: string | null },
  codeKey: string,
): Promise<ScanResult | null> {
  const current = app.codeLocation ? s3LocationOf(app.codeLocation, app.region) : null;
  if (!current) return null;
  return scanS3Object({ bucket: current.bucket, key: codeKey, region: app.region }, { cache: dbScanCache });
}

/** Why this scan stops an upgrade (a removed API still referenced, or code that could not be read); null if not. */
export function scanBlocker(scan: ScanResult | null): string | null {
  if (!scan) return null;
  if (scan.status === "unreadable") return `The new code could not be scanned: ${scan.error?.message ?? "unreadable"}`;
  const breaks = scan.findings.filter((f) => f.severity === "breaks");
  if (!breaks.length) return null;
  return `The new code will break on the target runtime: ${breaks.map((f) => `${f.title} (${f.evidence})`).join("; ")}`;
}
