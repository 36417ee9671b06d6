"use server";

import { serve } from "@/lib/actions/serve";
import {
  createOverrideSpec,
  createWindowSpec,
  deleteWindowSpec,
  endOverrideSpec,
  stopTheLineSpec,
} from "@/lib/actions/control-specs";

export async function stopTheLineAction(input: unknown) {
  return serve(stopTheLineSpec, input);
}

export async function createWindowAction(input: unknown) {
  return serve(createWindowSpec, input);
}

export async function deleteWindowAction(input: unknown) {
  return serve(deleteWindowSpec, input);
}

export async function createOverrideAction(input: unknown) {
  return serve(createOverrideSpec, input);
}

export async function endOverrideAction(input: unknown) {
  return serve(endOverrideSpec, input);
}
