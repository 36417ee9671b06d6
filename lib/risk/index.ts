export { assessRisk, levelForScore } from "./assess";
export type { RiskAssessment, RiskFactor, RiskFactorId, RiskLevel } from "./assess";
export { codeFactOf, factsFromApplicationDetail, newestReadySnapshot, restoreOf, UNKNOWN_METRICS } from "./facts";
export type {
  AppFacts,
  ApplicationMode,
  CodeFact,
  CodeFinding,
  CodeScanLike,
  CodeScanStatus,
  FactsExtras,
  Metrics24h,
  RestoreFact,
  SnapshotFact,
} from "./facts";
export {
  compareRuntimes,
  DEFAULT_TARGET_RUNTIME,
  endOfSupportDate,
  FLINK_RUNTIMES,
  isDowngrade,
  isEndOfSupport,
  isFlinkRuntime,
  isMajorJump,
  newerRuntimes,
  parseRuntime,
  runtimeLabel,
  runtimeSupport,
  RUNTIME_SUPPORT,
  skippedRuntimes,
} from "./runtimes";
export type { ParsedRuntime, RuntimeKind, RuntimeSupport } from "./runtimes";
export { DOC_URLS, FACTORS, LEVEL_BOUNDARIES, PRODUCTION, THRESHOLDS } from "./weights";
export type { FactorDefinition, FactorId } from "./weights";
