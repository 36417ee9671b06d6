import { upgradeInput, testActor } from "@/tests/support/upgrade-driver";
async function main() {
const { startUpgrade } = await import("@/lib/upgrades/start-upgrade");
const { db } = await import("@/lib/db");
const targets = process.argv.slice(2);
for (const t of targets) {
  const [region, name] = t.split("/") as [string, string];
  const app = await db.fleetApp.findUniqueOrThrow({ where: { region_name: { region, name } } });
  try {
    const r = await startUpgrade(testActor, upgradeInput(region, name, { expectedVersionId: app.versionId, confirmName: name }));
    console.log(t, app.riskLevel, r);
  } catch (e) { console.log(t, app.riskLevel, "refused:", (e as Error).message); }
}
await db.$disconnect();

}
void main();
