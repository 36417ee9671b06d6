"use server";

import { serve } from "@/lib/actions/serve";
import {
  abortMonitoringSpec,
  approveUpgradeSpec,
  cancelRunSpec,
  rejectUpgradeSpec,
  replaceAlarmsSpec,
  requestApprovalSpec,
  requestRollbackSpec,
  startUpgradeSpec,
} from "@/lib/actions/specs";

export async function startUpgradeAction(input: unknown) {
  return serve(startUpgradeSpec, input);
}

export async function requestRollbackAction(input: unknown) {
  return serve(requestRollbackSpec, input);
}

export async function abortMonitoringAction(input: unknown) {
  return serve(abortMonitoringSpec, input);
}

export async function cancelRunAction(input: unknown) {
  return serve(cancelRunSpec, input);
}

export async function requestApprovalAction(input: unknown) {
  return serve(requestApprovalSpec, input);
}

export async function approveUpgradeAction(input: unknown) {
  return serve(approveUpgradeSpec, input);
}

export async function rejectUpgradeAction(input: unknown) {
  return serve(rejectUpgradeSpec, input);
}

export async function replaceAlarmsAction(input: unknown) {
  return serve(replaceAlarmsSpec, input);
}
