import type { ApplicationDetail } from "@aws-sdk/client-kinesis-analytics-v2";

// Runtime properties often hold credentials (passwords, tokens, keys). The inventory stores every key but only the
// values the dashboard reads: names of streams and topics, regions, reader types, Python entry points.

export const redactedValue = "•••• (redacted)";

const allowed =
  /(^|[._-])(stream|streams|topic|topics|region|recordpublisher|recordpublishertype|reader\.type|initpos|python|jarfile|pyfiles|bootstrap\.servers|group\.id|name|arn)$/i;
const secretLooking = /pass|secret|token|credential|private|(^|[._-])key($|[._-])|auth|sasl|jaas/i;

export function isShownProperty(key: string): boolean {
  return allowed.test(key) && !secretLooking.test(key);
}

export function redactProperties(detail: ApplicationDetail): ApplicationDetail {
  const env = detail.ApplicationConfigurationDescription?.EnvironmentPropertyDescriptions;
  if (!env?.PropertyGroupDescriptions) return detail;
  return {
    ...detail,
    ApplicationConfigurationDescription: {
      ...detail.ApplicationConfigurationDescription,
      EnvironmentPropertyDescriptions: {
        ...env,
        PropertyGroupDescriptions: env.PropertyGroupDescriptions.map((group) => ({
          ...group,
          PropertyMap: Object.fromEntries(
            Object.entries(group.PropertyMap ?? {}).map(([k, v]) => [k, isShownProperty(k) ? v : redactedValue]),
          ),
        })),
      },
    },
  };
}
