// Input readers for the Logs operations. Every violation is an InvalidParameterException worded like the
// service's own validation ("1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: …").
import { invalidParameter } from "./errors";

interface Range {
  required?: boolean;
  min?: number;
  max?: number;
}

function violation(value: unknown, field: string, constraint: string) {
  const shown = value === undefined || value === null ? "null" : `'${String(value)}'`;
  return invalidParameter(
    `1 validation error detected: Value ${shown} at '${field}' failed to satisfy constraint: ${constraint}`,
  );
}

export class LogsInput {
  private constructor(private readonly input: Record<string, unknown>) {}

  static of(body: unknown): LogsInput {
    if (typeof body !== "object" || body === null || Array.isArray(body))
      throw invalidParameter("The request body must be a JSON object.");
    return new LogsInput(body as Record<string, unknown>);
  }

  private present(field: string, required = false): unknown {
    const value = this.input[field];
    if (value === undefined || value === null) {
      if (required) throw violation(value, field, "Member must not be null");
      return undefined;
    }
    return value;
  }

  has(field: string): boolean {
    return this.present(field) !== undefined;
  }

  str(field: string, rule: Range = {}): string | undefined {
    const value = this.present(field, rule.required);
    if (value === undefined) return undefined;
    if (typeof value !== "string") throw violation(value, field, "Member must be a string");
    if (rule.min !== undefined && value.length < rule.min)
      throw violation(value, field, `Member must have length greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && value.length > rule.max)
      throw violation(value, field, `Member must have length less than or equal to ${rule.max}`);
    return value;
  }

  int(field: string, rule: Range = {}): number | undefined {
    const value = this.present(field, rule.required);
    if (value === undefined) return undefined;
    if (typeof value !== "number" || !Number.isInteger(value)) throw violation(value, field, "Member must be a number");
    if (rule.min !== undefined && value < rule.min)
      throw violation(value, field, `Member must have value greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && value > rule.max)
      throw violation(value, field, `Member must have value less than or equal to ${rule.max}`);
    return value;
  }

  bool(field: string): boolean | undefined {
    const value = this.present(field);
    if (value === undefined) return undefined;
    if (typeof value !== "boolean") throw violation(value, field, "Member must be a boolean");
    return value;
  }

  strList(field: string, rule: Range = {}): string[] | undefined {
    const value = this.present(field, rule.required);
    if (value === undefined) return undefined;
    if (!Array.isArray(value) || value.some((v) => typeof v !== "string"))
      throw violation(value, field, "Member must be a list of strings");
    if (rule.min !== undefined && value.length < rule.min)
      throw violation(value, field, `Member must have length greater than or equal to ${rule.min}`);
    if (rule.max !== undefined && value.length > rule.max)
      throw violation(value, field, `Member must have length less than or equal to ${rule.max}`);
    return value as string[];
  }
}
