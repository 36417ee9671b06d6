import { EmuError } from "../core/types";
import type { MsfContext, MsfHandler } from "./context";
import type { MsfApp } from "./model";
import { ARN_PATTERN, invalidArgument, isPlainObject, invalidRequest, type Reader } from "./validate";

const MAX_TAGS = 50;
const ARN_APP = /^arn:aws[a-z-]*:kinesisanalytics:([a-z0-9-]+):(\d{12}):application\/([a-zA-Z0-9_.-]+)$/;

function appForArn(input: Reader, ctx: MsfContext): MsfApp {
  const arn = input.str("ResourceARN", { required: true, min: 1, max: 2048, pattern: ARN_PATTERN });
  const match = ARN_APP.exec(arn);
  const app =
    match && match[1] === ctx.region && match[2] === ctx.accountId
      ? ctx.store.app(ctx.accountId, ctx.region, match[3] ?? "", ctx.now)
      : undefined;
  if (!app) throw new EmuError("ResourceNotFoundException", `Resource ${arn} is not found.`);
  return app;
}

export const listTagsForResource: MsfHandler = (input, ctx) => {
  const app = appForArn(input, ctx);
  return { Tags: app.tags.map((t) => ({ ...t })) };
};

export const tagResource: MsfHandler = (input, ctx) => {
  const app = appForArn(input, ctx);
  const tags = (input.list("Tags", { required: true, min: 1, max: 200 }) ?? []).map(readTag);
  const merged = new Map(app.tags.map((t) => [t.Key, t.Value]));
  for (const tag of tags) merged.set(tag.Key, tag.Value);
  if (merged.size > MAX_TAGS) {
    throw new EmuError(
      "TooManyTagsException",
      `Application ${app.name} would have ${merged.size} tags; the maximum is ${MAX_TAGS}.`,
    );
  }
  app.tags = [...merged].map(([Key, Value]) => ({ Key, Value }));
  return {};
};

export const untagResource: MsfHandler = (input, ctx) => {
  const app = appForArn(input, ctx);
  const keys = input.list("TagKeys", { required: true, min: 1, max: 200 }) ?? [];
  for (const key of keys) {
    if (typeof key !== "string") throw invalidRequest("TagKeys must be a list of strings.");
    if (key.length < 1 || key.length > 128) throw invalidArgument("Tag keys must have length 1..128.");
  }
  app.tags = app.tags.filter((t) => !keys.includes(t.Key));
  return {};
};

function readTag(value: unknown): { Key: string; Value: string } {
  if (!isPlainObject(value)) throw invalidRequest("Each tag must be an object with Key and Value.");
  const { Key, Value } = value;
  if (typeof Key !== "string" || (Value !== undefined && typeof Value !== "string")) {
    throw invalidRequest("Tag Key and Value must be strings.");
  }
  if (Key.length < 1 || Key.length > 128) throw invalidArgument("Tag keys must have length 1..128.");
  if ((Value ?? "").length > 256) throw invalidArgument("Tag values must have length 0..256.");
  if (Key.toLowerCase().startsWith("aws:")) throw invalidArgument("Tag keys starting with aws: are reserved.");
  return { Key, Value: Value ?? "" };
}
