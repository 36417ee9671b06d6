// CreateApplicationPresignedUrl: FLINK_DASHBOARD_URL only; the URL opens the emulator's Flink REST subset (flink/).
import { openSession } from "../flink/sessions";
import { requireApp, resourceInUse, type MsfHandler } from "./context";
import { isSqlApp, isStudioApp } from "./model";
import { invalidArgument, readAppName } from "./validate";

const URL_TYPES = ["FLINK_DASHBOARD_URL", "ZEPPELIN_UI_URL"] as const;

export const createApplicationPresignedUrl: MsfHandler = (input, ctx) => {
  const name = readAppName(input);
  const urlType = input.oneOf("UrlType", URL_TYPES, true);
  const seconds = input.int("SessionExpirationDurationInSeconds", { min: 1800, max: 43200 }) ?? 3600;
  const app = requireApp(ctx, name);
  if (urlType === "ZEPPELIN_UI_URL") {
    throw invalidArgument(
      isStudioApp(app)
        ? "ZEPPELIN_UI_URL is not emulated; only FLINK_DASHBOARD_URL is."
        : `ZEPPELIN_UI_URL is only valid for Studio notebooks; ${app.name} is not a Studio notebook.`,
    );
  }
  if (isSqlApp(app)) throw invalidArgument(`${app.name} is a SQL application; it has no Flink dashboard.`);
  if (app.status !== "RUNNING") throw resourceInUse(app, "CreateApplicationPresignedUrl");
  const session = openSession(ctx.store, app, ctx.now, seconds, ctx.durations);
  const base = `${ctx.origin ?? "http://127.0.0.1:4566"}/_flink/${app.accountId}/${app.region}/${encodeURIComponent(app.name)}`;
  return { AuthorizedUrl: `${base}/flinkdashboard?authToken=${session.token}` };
};
