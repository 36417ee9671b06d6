/**
 * The applications whose `{name}-flink-2.2.jar` the scan gate lets through (nothing removed is referenced): a
 * campaign skips the others before sending anything, so tests of what a started upgrade does pick from these.
 */
export async function withLoadingBuilds<T extends { region: string; name: string }>(apps: T[]): Promise<T[]> {
  const { previewNewCode } = await import("@/lib/upgrades/code-check");
  const kept: T[] = [];
  for (const app of apps) {
    const preview = await previewNewCode(app.region, app.name, `${app.name}-flink-2.2.jar`);
    if (preview && !preview.gate.blocker && !preview.gate.refused) kept.push(app);
  }
  return kept;
}
