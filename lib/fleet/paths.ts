import type { AppKey } from "@/lib/aws/accounts";

/** The application page: account, region and name in the path, so the same name in two accounts never collides. */
export function appPath(app: AppKey): string {
  return `/apps/${app.account}/${app.region}/${encodeURIComponent(app.name)}`;
}

/** The application's read routes (metrics, code-scan preview) under /api. */
export function appApiPath(app: AppKey, route: string): string {
  return `/api${appPath(app)}/${route}`;
}
