import { describe, expect, it } from "vitest";
import { CampaignInput } from "@/lib/campaigns/definition";
import {
  formReducer,
  initialFormState,
  issuesToFieldErrors,
  placeErrors,
  stageFieldId,
  toCampaignInput,
} from "./form-state";

describe("the campaign form's state", () => {
  it("starts with three stages dev, staging, prod and the 2.2 pattern, and parses once named", () => {
    const state = formReducer(initialFormState(), { type: "text", field: "name", value: "Dev first" });
    expect(state.stages.map((s) => s.selector)).toEqual(["env=dev", "env=staging", "env=prod"]);
    const parsed = CampaignInput.safeParse(toCampaignInput({ ...state, tags: "env=dev" }));
    expect(parsed.success).toBe(true);
    expect(parsed.data?.codeKeys.pattern).toBe("{name}-flink-2.2.jar");
    expect(parsed.data?.selection.tags).toEqual(["env=dev"]);
  });

  it("splits tags on commas and include/exclude on lines", () => {
    let state = initialFormState();
    state = formReducer(state, { type: "text", field: "tags", value: " env=dev, team=x ,," });
    state = formReducer(state, { type: "text", field: "include", value: "us-east-1/a\r\n\n eu-west-1/b " });
    const input = toCampaignInput(state);
    expect(input.selection.tags).toEqual(["env=dev", "team=x"]);
    expect(input.selection.include).toEqual(["us-east-1/a", "eu-west-1/b"]);
  });

  it("adds, moves and removes stages with stable keys", () => {
    let state = formReducer(initialFormState(), { type: "addStage" });
    expect(state.stages.map((s) => s.key)).toEqual([0, 1, 2, 3]);
    state = formReducer(state, { type: "moveStage", key: 3, by: -1 });
    expect(state.stages.map((s) => s.key)).toEqual([0, 1, 3, 2]);
    expect(formReducer(state, { type: "moveStage", key: 0, by: -1 })).toBe(state);
    state = formReducer(state, { type: "removeStage", key: 1 });
    expect(state.stages.map((s) => s.key)).toEqual([0, 3, 2]);
    state = formReducer(state, { type: "addStage" });
    expect(state.stages.at(-1)!.key).toBe(4);
  });

  it("toggles regions", () => {
    let state = formReducer(initialFormState(), { type: "toggle", list: "regions", value: "us-east-1" });
    expect(state.regions).toEqual(["us-east-1"]);
    state = formReducer(state, { type: "toggle", list: "regions", value: "us-east-1" });
    expect(state.regions).toEqual([]);
  });
});

describe("placeErrors", () => {
  it("pins stage errors to the row as sent, names list items, and keeps the rest", () => {
    let state = initialFormState();
    state = formReducer(state, { type: "text", field: "tags", value: "env:dev" });
    state = formReducer(state, { type: "stageText", key: 1, field: "maxConcurrency", value: "0" });
    state = formReducer(state, { type: "stageText", key: 2, field: "selector", value: "env=prod, oops" });
    const sent = toCampaignInput(state);
    const parsed = CampaignInput.safeParse(sent);
    expect(parsed.success).toBe(false);
    const placed = placeErrors(issuesToFieldErrors(parsed.error!.issues), sent, state.stages);
    expect(placed.byField.name).toEqual(["name the campaign"]);
    expect(placed.byField["selection.tags"]).toEqual(["env:dev: key=value"]);
    expect(placed.byField[stageFieldId(1, "maxConcurrency")]).toEqual(["concurrency: at least 1"]);
    expect(placed.byField[stageFieldId(2, "selector")]).toEqual(["oops: key=value"]);
    expect(placed.other).toEqual([]);
  });

  it("places the server's plan and CSV refusals, and unknown paths in `other`", () => {
    const state = initialFormState();
    const placed = placeErrors(
      {
        selection: ["The selection holds no application to upgrade"],
        "codeKeys.csv": ["line 2: unknown application us-east-1/x"],
        "stages.7.name": ["gone"],
        mystery: ["something else"],
      },
      toCampaignInput(state),
      state.stages,
    );
    expect(placed.byField.selection).toHaveLength(1);
    expect(placed.byField["codeKeys.csv"]).toEqual(["line 2: unknown application us-east-1/x"]);
    expect(placed.byField.stages).toEqual(["gone"]);
    expect(placed.other).toEqual(["something else"]);
  });
});
