import type { AppKey } from "@/lib/aws/accounts";
import type { ScanResult } from "@/lib/compat/scan";
import { s3Url, scanS3Object } from "@/lib/compat/s3-source";
import { dbScanCache } from "@/lib/fleet/code-scan-store";
import { s3LocationOf } from "@/lib/fleet/code-scan";
import { compareRuntimes } from "@/lib/risk";
import { getFleetApp } from "@/lib/fleet/queries";

/** The new code's scan, and where it was read. */
export interface NewCodeScan {
  location: string;
  scan: ScanResult;
}

/** The scanner's rules are Flink 2.x's removals: code for a 1.x target is not judged by them. */
export function isScannedTarget(targetRuntime: string): boolean {
  return compareRuntimes(targetRuntime, "FLINK-2_0") >= 0;
}

/**
 * The new code, scanned before anything is sent: it lives in the bucket of the application's current code (MSF
 * reads both from there). Null when the application has no S3 code to place it beside.
 */
export async function scanNewCode(
  app: { account: string; region: string; codeLocation: string | null },
  codeKey: string,
): Promise<NewCodeScan | null> {
  const current = app.codeLocation ? s3LocationOf(app.codeLocation, app) : null;
  if (!current) return null;
  const location = { ...current, key: codeKey };
  return { location: s3Url(location), scan: await scanS3Object(location, { cache: dbScanCache }) };
}

/** What the preflight, the approver and the audit trail keep of the new code's scan. */
export interface CodeCheckRecord {
  status: string;
  breaks: string[];
  warnings: string[];
  override: string | null;
}

/** What the scan means for the upgrade. */
export interface CodeGate {
  /** No override helps: the object does not exist, so MSF could not run it either. */
  refused: string | null;
  /** A removed API still referenced, or code that could not be read: refused unless a person says why. */
  blocker: string | null;
  /** Findings that will not stop the job from starting, for the preflight. */
  warnings: string[];
  /** The breaking findings' titles, for the audit trail. */
  breaks: string[];
}

export function codeGateOf(code: NewCodeScan | null): CodeGate {
  if (!code) return { refused: null, blocker: null, warnings: [], breaks: [] };
  const { scan } = code;
  const warnings = scan.findings.filter((f) => f.severity !== "breaks").map((f) => f.title);
  if (scan.error?.code === "not-found")
    return { refused: `${scan.error.message} Upload the new build first.`, blocker: null, warnings, breaks: [] };
  if (scan.status === "unreadable")
    return {
      refused: null,
      blocker: `The new code could not be scanned: ${scan.error?.message ?? "unreadable"}`,
      warnings,
      breaks: ["unreadable"],
    };
  const breaks = scan.findings.filter((f) => f.severity === "breaks");
  return {
    refused: null,
    blocker: breaks.length
      ? `The new code will break on the target runtime: ${breaks.map((f) => `${f.title} (${f.evidence})`).join("; ")}`
      : null,
    warnings,
    // One title per kind of break: the same rule seen in several entries reads once in the audit trail.
    breaks: [...new Set(breaks.map((f) => f.title))],
  };
}

/** The wizard's preview of the gate: the scan (null without S3 code to place the new code beside) and its meaning. */
export interface NewCodePreview {
  location: string | null;
  scan: ScanResult | null;
  gate: CodeGate;
}

export async function previewNewCode(key: AppKey, codeKey: string): Promise<NewCodePreview | null> {
  const app = await getFleetApp(key);
  if (!app) return null;
  const scanned = await scanNewCode(app, codeKey);
  return { location: scanned?.location ?? null, scan: scanned?.scan ?? null, gate: codeGateOf(scanned) };
}
