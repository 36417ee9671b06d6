import { TEST_ACCOUNT } from "./app-test-env";
/**
 * The applications whose `{name}-flink-2.2.jar` the scan gate lets through (nothing removed is referenced): a
 * campaign skips the others before sending anything, so tests of what a started upgrade does pick from these.
 */
export async function withLoadingBuilds<T extends { account?: string; region: string; name: string }>(
  apps: T[],
): Promise<T[]> {
  const { previewNewCode } = await import("@/lib/upgrades/code-check");
  const kept: T[] = [];
  for (const app of apps) {
    const preview = await previewNewCode({ account: TEST_ACCOUNT, ...app }, `${app.name}-flink-2.2.jar`);
    if (preview && !preview.gate.blocker && !preview.gate.refused) kept.push(app);
  }
  return kept;
}
