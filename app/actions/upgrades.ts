"use server";

import { revalidatePath } from "next/cache";
import { currentActor } from "@/lib/auth";
import { failure, type ActionResult } from "@/lib/action-result";
import { metricCadenceMs } from "@/lib/metrics/cadence";
import { RollbackInput, RunIdInput, startUpgradeInputFor } from "@/lib/upgrades/inputs";
import { startUpgrade, UpgradeRefused } from "@/lib/upgrades/start-upgrade";
import { abortMonitoring, cancelRun, requestRollback } from "@/lib/upgrades/commands";

export type FieldErrors = Record<string, string[] | undefined>;
export type UpgradeActionResult<T> = ActionResult<T> & { fieldErrors?: FieldErrors };

function refusal(error: unknown) {
  if (error instanceof UpgradeRefused)
    return {
      ok: false as const,
      error: error.message,
      ...(error.fieldErrors ? { fieldErrors: error.fieldErrors } : {}),
    };
  return failure(error);
}

export async function startUpgradeAction(
  input: unknown,
): Promise<UpgradeActionResult<{ runId: string; existing: boolean }>> {
  try {
    const actor = await currentActor();
    const parsed = startUpgradeInputFor(metricCadenceMs()).safeParse(input);
    if (!parsed.success)
      return { ok: false, error: "Some fields need attention.", fieldErrors: fieldErrorsOf(parsed.error) };
    const data = await startUpgrade(actor, parsed.data);
    revalidatePath(`/apps/${parsed.data.region}/${parsed.data.name}`);
    revalidatePath("/upgrades");
    return { ok: true, data };
  } catch (error) {
    return refusal(error);
  }
}

export async function requestRollbackAction(input: unknown): Promise<UpgradeActionResult<{ runId: string }>> {
  try {
    const actor = await currentActor();
    const parsed = RollbackInput.safeParse(input);
    if (!parsed.success)
      return { ok: false, error: "Some fields need attention.", fieldErrors: fieldErrorsOf(parsed.error) };
    const data = await requestRollback(actor, parsed.data);
    revalidatePath(`/upgrades/${data.runId}`);
    return { ok: true, data };
  } catch (error) {
    return refusal(error);
  }
}

export async function abortMonitoringAction(input: unknown): Promise<UpgradeActionResult<null>> {
  try {
    const actor = await currentActor();
    const parsed = RunIdInput.safeParse(input);
    if (!parsed.success) return { ok: false, error: "Unknown run." };
    await abortMonitoring(actor, parsed.data.runId);
    revalidatePath(`/upgrades/${parsed.data.runId}`);
    return { ok: true, data: null };
  } catch (error) {
    return refusal(error);
  }
}

export async function cancelRunAction(input: unknown): Promise<UpgradeActionResult<null>> {
  try {
    const actor = await currentActor();
    const parsed = RunIdInput.safeParse(input);
    if (!parsed.success) return { ok: false, error: "Unknown run." };
    await cancelRun(actor, parsed.data.runId);
    revalidatePath(`/upgrades/${parsed.data.runId}`);
    return { ok: true, data: null };
  } catch (error) {
    return refusal(error);
  }
}

function fieldErrorsOf(error: import("zod").ZodError): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".");
    (out[key] ??= []).push(issue.message);
  }
  return out;
}
