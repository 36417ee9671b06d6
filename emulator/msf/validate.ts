// Input readers. Shape violations (not an object, wrong JSON type, missing required member) are
// InvalidRequestException ("request JSON not valid"); value violations (length, pattern, range, enum) are
// InvalidArgumentException unless the operation models only InvalidRequestException (ListApplications).
import { EmuError } from "../core/types";

export type Input = Record<string, unknown>;

export const NAME_PATTERN = /^[a-zA-Z0-9_.-]+$/;
export const TOKEN_PATTERN = /^[a-zA-Z0-9\-_+/=]+$/;
export const ARN_PATTERN = /^arn:.*$/;

interface StringRule {
  required?: boolean;
  min?: number;
  max?: number;
  pattern?: RegExp;
}
interface NumberRule {
  required?: boolean;
  min?: number;
  max?: number;
}

export function invalidRequest(message: string): EmuError {
  return new EmuError("InvalidRequestException", message);
}

export function invalidArgument(message: string): EmuError {
  return new EmuError("InvalidArgumentException", message);
}

export function isPlainObject(value: unknown): value is Input {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

export class Reader {
  constructor(
    private readonly input: Input,
    private readonly path = "",
    private readonly valueErrorCode = "InvalidArgumentException",
  ) {}

  static of(body: unknown, valueErrorCode?: string): Reader {
    if (!isPlainObject(body)) throw invalidRequest("The request body must be a JSON object.");
    return new Reader(body, "", valueErrorCode);
  }

  private name(field: string): string {
    return this.path ? `${this.path}.${field}` : field;
  }

  private valueError(message: string): EmuError {
    return new EmuError(this.valueErrorCode, message);
  }

  private present(field: string, required: boolean | undefined): unknown {
    const value = this.input[field];
    if (value === undefined || value === null) {
      if (required) throw invalidRequest(`Missing required member ${this.name(field)}.`);
      return undefined;
    }
    return value;
  }

  str(field: string, rule: StringRule & { required: true }): string;
  str(field: string, rule?: StringRule): string | undefined;
  str(field: string, rule: StringRule = {}): string | undefined {
    const value = this.present(field, rule.required);
    if (value === undefined) return undefined;
    if (typeof value !== "string") throw invalidRequest(`${this.name(field)} must be a string.`);
    if (rule.min !== undefined && value.length < rule.min) {
      throw this.valueError(`${this.name(field)} must have length greater than or equal to ${rule.min}.`);
    }
    if (rule.max !== undefined && value.length > rule.max) {
      throw this.valueError(`${this.name(field)} must have length less than or equal to ${rule.max}.`);
    }
    if (rule.pattern && value.length > 0 && !rule.pattern.test(value)) {
      throw this.valueError(`${this.name(field)} must satisfy regular expression pattern: ${rule.pattern.source}.`);
    }
    return value;
  }

  oneOf<T extends string>(field: string, values: readonly T[], required: true): T;
  oneOf<T extends string>(field: string, values: readonly T[], required?: boolean): T | undefined;
  oneOf<T extends string>(field: string, values: readonly T[], required = false): T | undefined {
    const value = this.str(field, { required });
    if (value === undefined) return undefined;
    if (!(values as readonly string[]).includes(value)) {
      throw this.valueError(`${this.name(field)} must be one of: ${values.join(", ")}.`);
    }
    return value as T;
  }

  int(field: string, rule: NumberRule & { required: true }): number;
  int(field: string, rule?: NumberRule): number | undefined;
  int(field: string, rule: NumberRule = {}): number | undefined {
    const value = this.present(field, rule.required);
    if (value === undefined) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value)) {
      throw invalidRequest(`${this.name(field)} must be an integer.`);
    }
    if (rule.min !== undefined && value < rule.min) {
      throw this.valueError(`${this.name(field)} must be greater than or equal to ${rule.min}.`);
    }
    if (rule.max !== undefined && value > rule.max) {
      throw this.valueError(`${this.name(field)} must be less than or equal to ${rule.max}.`);
    }
    return value;
  }

  /** `lenient` also accepts "true"/"false" strings (the docs show quoted booleans for some flags). */
  bool(field: string, required: true, lenient?: boolean): boolean;
  bool(field: string, required?: boolean, lenient?: boolean): boolean | undefined;
  bool(field: string, required = false, lenient = false): boolean | undefined {
    const value = this.present(field, required);
    if (value === undefined) return undefined;
    if (typeof value === "boolean") return value;
    if (lenient && (value === "true" || value === "false")) return value === "true";
    throw invalidRequest(`${this.name(field)} must be a boolean.`);
  }

  /** Epoch seconds (number or numeric string) → epoch milliseconds. */
  timestamp(field: string, required = false): number | undefined {
    const value = this.present(field, required);
    if (value === undefined) return undefined;
    const seconds = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
    if (typeof seconds !== "number" || !Number.isFinite(seconds)) {
      throw invalidRequest(`${this.name(field)} must be a timestamp in epoch seconds.`);
    }
    return Math.round(seconds * 1000);
  }

  obj(field: string, required = false): Reader | undefined {
    const value = this.present(field, required);
    if (value === undefined) return undefined;
    if (!isPlainObject(value)) throw invalidRequest(`${this.name(field)} must be an object.`);
    return new Reader(value, this.name(field), this.valueErrorCode);
  }

  list(field: string, rule: NumberRule = {}): unknown[] | undefined {
    const value = this.present(field, rule.required);
    if (value === undefined) return undefined;
    if (!Array.isArray(value)) throw invalidRequest(`${this.name(field)} must be a list.`);
    if (rule.min !== undefined && value.length < rule.min) {
      throw this.valueError(`${this.name(field)} must have at least ${rule.min} member(s).`);
    }
    if (rule.max !== undefined && value.length > rule.max) {
      throw this.valueError(`${this.name(field)} must have at most ${rule.max} member(s).`);
    }
    return value;
  }

  /** Same input, but value violations raise `code` (for operations that model only that error). */
  withValueErrorCode(code: string): Reader {
    return new Reader(this.input, this.path, code);
  }

  has(field: string): boolean {
    return this.input[field] !== undefined && this.input[field] !== null;
  }
}

export function readAppName(reader: Reader, field = "ApplicationName"): string {
  return reader.str(field, { required: true, min: 1, max: 128, pattern: NAME_PATTERN });
}

export function readSnapshotName(reader: Reader, required: true): string;
export function readSnapshotName(reader: Reader, required?: boolean): string | undefined;
export function readSnapshotName(reader: Reader, required = false): string | undefined {
  return reader.str("SnapshotName", { required, min: 1, max: 256, pattern: NAME_PATTERN });
}

export function readLimit(reader: Reader): number {
  return reader.int("Limit", { min: 1, max: 50 }) ?? 50;
}

export function readNextToken(reader: Reader): string | undefined {
  return reader.str("NextToken", { min: 1, max: 512 });
}
