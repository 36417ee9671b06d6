// One factory for every TanStack Query key, so invalidation and polling agree on names.
export const queryKeys = {
  syncStatus: () => ["sync-status"] as const,
  upgradeRun: (id: string) => ["upgrade-run", id] as const,
  runEvents: (id: string) => ["upgrade-run", id, "events"] as const,
  runMetrics: (id: string, options: { extra: boolean; isLive: boolean }) => ["run-metrics", id, options] as const,
  appMetrics: (region: string, name: string, range: string) => ["app-metrics", region, name, range] as const,
  newCodeScan: (region: string, name: string, codeKey: string) => ["new-code-scan", region, name, codeKey] as const,
};
