import { env } from "@/lib/env";
import { scaledPolicy } from "./health";

/** The wizard's preselected health policy, scaled like every other upgrade timing. */
export function defaultPolicyInput() {
  const policy = scaledPolicy(env().UPGRADE_TIME_SCALE);
  return {
    observationSeconds: Math.max(1, Math.round(policy.observationWindowMs / 1000)),
    restartThreshold: policy.restartThreshold,
    failedCheckpointThreshold: policy.failedCheckpointThreshold,
    checkpointDurationFactor: policy.checkpointDurationFactor,
  };
}
