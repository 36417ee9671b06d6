// One factory for every TanStack Query key, so invalidation and polling agree on names.
import type { AppKey } from "@/lib/aws/accounts";
export const queryKeys = {
  syncStatus: () => ["sync-status"] as const,
  upgradeRun: (id: string) => ["upgrade-run", id] as const,
  runEvents: (id: string) => ["upgrade-run", id, "events"] as const,
  runMetrics: (id: string, options: { extra: boolean; isLive: boolean }) => ["run-metrics", id, options] as const,
  appMetrics: (app: AppKey, range: string) => ["app-metrics", app.account, app.region, app.name, range] as const,
  newCodeScan: (app: AppKey, codeKey: string) => ["new-code-scan", app.account, app.region, app.name, codeKey] as const,
};
