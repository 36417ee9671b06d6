import {
  DescribeApplicationCommand,
  UpdateApplicationCommand,
  type KinesisAnalyticsV2Client,
} from "@aws-sdk/client-kinesis-analytics-v2";

/** A real change through the SDK, as an outside team would make it: MSF bumps the version id and shows UPDATING. */
export async function bumpVersion(client: KinesisAnalyticsV2Client, name: string): Promise<void> {
  const { ApplicationDetail } = await client.send(new DescribeApplicationCommand({ ApplicationName: name }));
  await client.send(
    new UpdateApplicationCommand({
      ApplicationName: name,
      CurrentApplicationVersionId: ApplicationDetail!.ApplicationVersionId,
      ApplicationConfigurationUpdate: {
        FlinkApplicationConfigurationUpdate: {
          ParallelismConfigurationUpdate: { ConfigurationTypeUpdate: "CUSTOM", ParallelismUpdate: 3 },
        },
      },
    }),
  );
}
