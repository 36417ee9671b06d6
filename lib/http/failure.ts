import { randomUUID } from "node:crypto";
import { describeAwsError } from "@/lib/aws/errors";

/**
 * A route handler's failure: the browser gets the advice and a reference, the server log gets everything
 * (AWS's raw words, role ARNs, database messages) under the same reference.
 */
export function failureResponse(what: string, error: unknown, status = 502): Response {
  const reference = randomUUID();
  console.error(`${what} failed [${reference}]`, error);
  const problem = describeAwsError(error);
  const advice = problem.kind === "unknown" ? "Something went wrong." : problem.message.split(" (")[0];
  return Response.json({ error: `${advice} (reference ${reference})`, reference }, { status });
}
