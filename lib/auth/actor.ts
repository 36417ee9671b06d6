/** Who a write is attributed to: a signed-in person, or the dashboard itself (schedules, benchmarks). */
export interface Actor {
  id: string;
  source: "user" | "system";
}
