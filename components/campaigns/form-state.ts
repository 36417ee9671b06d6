// The campaign form's one state object, its reducer, what it sends (the shape CampaignInput parses), and where each
// refusal goes: zod paths ("stages.1.maxConcurrency") are pinned to the stage row they were about, so reordering
// rows after a refusal keeps every message under its field.

export interface StageRow {
  /** stable across reorders: React keys, ids and error placement */
  key: number;
  name: string;
  /** "env=dev, team=x" */
  selector: string;
  maxConcurrency: string;
  errorBudget: string;
  soakMinutes: string;
  gate: boolean;
}

export type MaxRisk = "low" | "medium" | "high";
export type CancelMode = "finish" | "rollback";

export interface CampaignFormState {
  name: string;
  targetRuntime: string;
  regions: string[];
  runtimes: string[];
  tags: string;
  maxRisk: MaxRisk;
  include: string;
  exclude: string;
  pattern: string;
  csv: string;
  stages: StageRow[];
  autoRollback: boolean;
  cancelMode: CancelMode;
  nextKey: number;
}

type TextField = "name" | "targetRuntime" | "tags" | "include" | "exclude" | "pattern" | "csv";
type StageTextField = "name" | "selector" | "maxConcurrency" | "errorBudget" | "soakMinutes";

export type FormAction =
  | { type: "text"; field: TextField; value: string }
  | { type: "maxRisk"; value: MaxRisk }
  | { type: "cancelMode"; value: CancelMode }
  | { type: "autoRollback"; value: boolean }
  | { type: "toggle"; list: "regions" | "runtimes"; value: string }
  | { type: "stageText"; key: number; field: StageTextField; value: string }
  | { type: "stageGate"; key: number; value: boolean }
  | { type: "addStage" }
  | { type: "removeStage"; key: number }
  | { type: "moveStage"; key: number; by: -1 | 1 };

export const defaultPattern = "{name}-flink-2.2.jar";

export function initialFormState(targetRuntime = "FLINK-2_2"): CampaignFormState {
  const stages: Omit<StageRow, "key">[] = [
    { name: "dev", selector: "env=dev", maxConcurrency: "5", errorBudget: "1", soakMinutes: "15", gate: false },
    { name: "staging", selector: "env=staging", maxConcurrency: "5", errorBudget: "1", soakMinutes: "30", gate: true },
    { name: "prod", selector: "env=prod", maxConcurrency: "10%", errorBudget: "0", soakMinutes: "60", gate: false },
  ];
  return {
    name: "",
    targetRuntime,
    regions: [],
    runtimes: [],
    tags: "",
    maxRisk: "high",
    include: "",
    exclude: "",
    pattern: defaultPattern,
    csv: "",
    stages: stages.map((s, key) => ({ ...s, key })),
    autoRollback: true,
    cancelMode: "finish",
    nextKey: stages.length,
  };
}

function updateStage(state: CampaignFormState, key: number, change: Partial<StageRow>): CampaignFormState {
  return { ...state, stages: state.stages.map((s) => (s.key === key ? { ...s, ...change } : s)) };
}

export function formReducer(state: CampaignFormState, action: FormAction): CampaignFormState {
  switch (action.type) {
    case "text":
      return { ...state, [action.field]: action.value };
    case "maxRisk":
      return { ...state, maxRisk: action.value };
    case "cancelMode":
      return { ...state, cancelMode: action.value };
    case "autoRollback":
      return { ...state, autoRollback: action.value };
    case "toggle": {
      const list = state[action.list];
      return {
        ...state,
        [action.list]: list.includes(action.value) ? list.filter((v) => v !== action.value) : [...list, action.value],
      };
    }
    case "stageText":
      return updateStage(state, action.key, { [action.field]: action.value });
    case "stageGate":
      return updateStage(state, action.key, { gate: action.value });
    case "addStage":
      return {
        ...state,
        nextKey: state.nextKey + 1,
        stages: [
          ...state.stages,
          {
            key: state.nextKey,
            name: "",
            selector: "",
            maxConcurrency: "1",
            errorBudget: "0",
            soakMinutes: "0",
            gate: false,
          },
        ],
      };
    case "removeStage":
      return { ...state, stages: state.stages.filter((s) => s.key !== action.key) };
    case "moveStage": {
      const from = state.stages.findIndex((s) => s.key === action.key);
      const to = from + action.by;
      if (from < 0 || to < 0 || to >= state.stages.length) return state;
      const stages = [...state.stages];
      [stages[from], stages[to]] = [stages[to]!, stages[from]!];
      return { ...state, stages };
    }
  }
}

/** "a, b,,c" → ["a", "b", "c"]; by line for include/exclude. */
export function splitList(text: string, separator: RegExp = /,/): string[] {
  return text
    .split(separator)
    .map((s) => s.trim())
    .filter(Boolean);
}

const lines = /\r?\n/;

/** What the actions receive: CampaignInput's shape, every value as typed (zod trims and coerces). */
export function toCampaignInput(state: CampaignFormState) {
  return {
    name: state.name,
    targetRuntime: state.targetRuntime,
    selection: {
      regions: state.regions,
      runtimes: state.runtimes,
      tags: splitList(state.tags),
      maxRisk: state.maxRisk,
      include: splitList(state.include, lines),
      exclude: splitList(state.exclude, lines),
    },
    codeKeys: { pattern: state.pattern, csv: state.csv },
    stages: state.stages.map((s) => ({
      name: s.name,
      selector: splitList(s.selector),
      maxConcurrency: s.maxConcurrency,
      errorBudget: s.errorBudget,
      soakMinutes: s.soakMinutes,
      gate: s.gate,
    })),
    autoRollback: state.autoRollback,
    cancelMode: state.cancelMode,
  };
}

export type SentInput = ReturnType<typeof toCampaignInput>;

/** The id of a stage row's field, also its key in the placed errors: "stage-3-maxConcurrency". */
export const stageFieldId = (key: number, field: string) => `stage-${key}-${field}`;

const topFields = new Set(["name", "targetRuntime", "stages", "autoRollback", "cancelMode", "selection", "codeKeys"]);
const nestedFields = new Set([
  "selection.regions",
  "selection.runtimes",
  "selection.tags",
  "selection.maxRisk",
  "selection.include",
  "selection.exclude",
  "codeKeys.pattern",
  "codeKeys.csv",
]);
const stageFields = new Set(["name", "selector", "maxConcurrency", "errorBudget", "soakMinutes", "gate"]);

export interface PlacedErrors {
  /** field key ("name", "selection.tags", stageFieldId(...)) → messages */
  byField: Record<string, string[]>;
  /** messages no field of the form shows */
  other: string[];
}

/**
 * Puts each refusal under the field it is about. A list item's message names the item ("env:dev: key=value"),
 * since the list is typed as one text; a stage's message goes to its row as it was when sent.
 */
export function placeErrors(
  errors: Record<string, string[] | undefined>,
  sent: SentInput,
  rows: readonly StageRow[],
): PlacedErrors {
  const byField: Record<string, string[]> = {};
  const other: string[] = [];
  const add = (field: string, messages: string[]) => (byField[field] ??= []).push(...messages);
  for (const [path, raw] of Object.entries(errors)) {
    const messages = raw ?? [];
    if (!messages.length) continue;
    const parts = path.split(".");
    const [head = "", second, third, fourth] = parts;
    if (head === "stages" && second !== undefined && /^\d+$/.test(second)) {
      const row = rows[Number(second)];
      const field = third && stageFields.has(third) ? third : "name";
      if (!row) add("stages", messages);
      else if (field === "selector" && fourth !== undefined) {
        const item = sent.stages[Number(second)]?.selector[Number(fourth)];
        add(
          stageFieldId(row.key, field),
          messages.map((m) => (item ? `${item}: ${m}` : m)),
        );
      } else add(stageFieldId(row.key, field), messages);
      continue;
    }
    const nested = `${head}.${second ?? ""}`;
    if (nestedFields.has(nested)) {
      const list = head === "selection" ? (sent.selection as Record<string, unknown>)[second!] : undefined;
      const item = Array.isArray(list) && third !== undefined ? list[Number(third)] : undefined;
      add(
        nested,
        messages.map((m) => (typeof item === "string" && item ? `${item}: ${m}` : m)),
      );
      continue;
    }
    if (topFields.has(head)) add(head, messages);
    else other.push(...messages);
  }
  return { byField, other };
}

/** zod issues as the actions report them: paths joined with ".". */
export function issuesToFieldErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const out: Record<string, string[]> = {};
  for (const issue of issues) (out[issue.path.map(String).join(".")] ??= []).push(issue.message);
  return out;
}
