import { FreezeOverrideInput, OverrideIdInput, StopTheLineInput, WindowIdInput } from "@/lib/controls/inputs";
import {
  createFreezeOverride,
  createFreezeWindow,
  deleteFreezeWindow,
  endFreezeOverride,
  setStopTheLine,
} from "@/lib/controls/verbs";
import { FreezeWindowInput } from "@/lib/controls/windows";
import type { ActionSpec } from "./action";

// The change controls' writes (stop-the-line, the freeze calendar, emergency overrides): fleet-wide, admins only.
// app/actions/controls.ts only serves these.

export const stopTheLineSpec = {
  name: "controls.stop-the-line",
  permission: "settings.change",
  input: StopTheLineInput,
  run: (ctx, input) => setStopTheLine(ctx.actor, input, ctx.audit),
  revalidate: () => ["/controls"],
} satisfies ActionSpec<typeof StopTheLineInput, { stopped: boolean }>;

export const createWindowSpec = {
  name: "controls.window-created",
  permission: "settings.change",
  input: FreezeWindowInput,
  run: (ctx, input) => createFreezeWindow(ctx.actor, input, ctx.audit),
  revalidate: () => ["/controls"],
} satisfies ActionSpec<typeof FreezeWindowInput, { id: string }>;

export const deleteWindowSpec = {
  name: "controls.window-deleted",
  permission: "settings.change",
  input: WindowIdInput,
  run: (ctx, input) => deleteFreezeWindow(ctx.actor, input, ctx.audit),
  revalidate: () => ["/controls"],
} satisfies ActionSpec<typeof WindowIdInput, { id: string }>;

export const createOverrideSpec = {
  name: "controls.override-created",
  permission: "settings.change",
  input: FreezeOverrideInput,
  run: (ctx, input) => createFreezeOverride(ctx.actor, input, ctx.audit),
  revalidate: () => ["/controls"],
} satisfies ActionSpec<typeof FreezeOverrideInput, { id: string; until: Date }>;

export const endOverrideSpec = {
  name: "controls.override-ended",
  permission: "settings.change",
  input: OverrideIdInput,
  run: (ctx, input) => endFreezeOverride(ctx.actor, input, ctx.audit),
  revalidate: () => ["/controls"],
} satisfies ActionSpec<typeof OverrideIdInput, { id: string }>;
