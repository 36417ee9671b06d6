// STS's constraint messages ("1 validation error detected: Value 'x' at 'roleSessionName' failed to satisfy
// constraint: …"): every violated constraint of every member is listed, joined by "; ".
import { validationError } from "./wire";

export class Violations {
  private items: string[] = [];

  private add(value: string | undefined, member: string, constraint: string): void {
    const shown = value === undefined ? "null" : `'${value}'`;
    this.items.push(`Value ${shown} at '${member}' failed to satisfy constraint: Member must ${constraint}`);
  }

  required(value: string | undefined, member: string): value is string {
    if (value === undefined) this.add(value, member, "not be null");
    return value !== undefined;
  }

  length(value: string | undefined, member: string, min: number, max: number): void {
    if (value === undefined) return;
    const size = [...value].length;
    if (size < min) this.add(value, member, `have length greater than or equal to ${min}`);
    if (size > max) this.add(value, member, `have length less than or equal to ${max}`);
  }

  pattern(value: string | undefined, member: string, pattern: RegExp, shown: string): void {
    if (value !== undefined && !pattern.test(value)) {
      this.add(value, member, `satisfy regular expression pattern: ${shown}`);
    }
  }

  range(value: string | undefined, member: string, min: number, max: number): void {
    if (value === undefined) return;
    const number = Number(value);
    if (!/^-?\d+$/.test(value)) this.add(value, member, "be an integer");
    else if (number < min) this.add(value, member, `have value greater than or equal to ${min}`);
    else if (number > max) this.add(value, member, `have value less than or equal to ${max}`);
  }

  throwIfAny(): void {
    const n = this.items.length;
    if (n === 0) return;
    throw validationError(`${n} validation error${n === 1 ? "" : "s"} detected: ${this.items.join("; ")}`);
  }
}
