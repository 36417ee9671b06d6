// One factory for every TanStack Query key, so invalidation and polling agree on names.
export const queryKeys = {
  syncStatus: () => ["sync-status"] as const,
  upgradeRun: (id: string) => ["upgrade-run", id] as const,
};
