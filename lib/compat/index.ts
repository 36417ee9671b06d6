// The code scan's public surface: scan an archive (S3 or local), cache by ETag, the rule and removal tables.
export { scanArchive, scanFile, DEFAULT_LIMITS, SCANNER_VERSION } from "./scan";
export type { ScanError, ScanErrorCode, ScanLimits, ScanOptions, ScanResult, ScanStatus, PythonSummary } from "./scan";
export { scanS3Object, openS3Source, describeS3Error } from "./s3-source";
export type { S3Location, S3ObjectSource, S3ScanResult } from "./s3-source";
export { ArchiveSourceError, openFileSource } from "./byte-source";
export type { ByteSource, SourceErrorCode } from "./byte-source";
export { MemoryScanCache, cacheKey, isCacheable } from "./cache";
export type { ScanCache, ScanCacheKey } from "./cache";
export type { CompatFinding } from "./findings";
export { RULES } from "./rules";
export type { FindingId, Severity } from "./rules";
export { REMOVALS_2_0, REMOVALS_SOURCE } from "./removals";
export type { Removal, RemovalKind } from "./removals";
export { CONNECTOR_RULES } from "./connectors";
