// The campaign pages' TanStack Query keys. They belong in lib/query-keys.ts with the others (left to the lead:
// this change does not touch lib/), and use the same shape so moving them is a rename.
export const campaignKeys = {
  campaign: (id: string) => ["campaign", id] as const,
  campaignMetrics: (id: string) => ["campaign", id, "metrics"] as const,
};
