import { describe, expect, it } from "vitest";
import { csvField, csvHeaders, historyCsv } from "./csv";
import type { HistoryRow } from "./rows";

const row: HistoryRow = {
  id: "run1",
  kind: "UPGRADE",
  account: "123456789012",
  accountName: "platform",
  region: "us-east-1",
  appName: "orders-enricher",
  team: "commerce",
  fromRuntime: "FLINK-1_20",
  toRuntime: "FLINK-2_2",
  initiatedBy: "priya@example.com",
  createdAt: "2026-11-23T10:00:00.000Z",
  finishedAt: "2026-11-23T10:04:05.250Z",
  durationMs: 245_250,
  outcome: "ROLLED_BACK",
  verdict: "UNHEALTHY",
  rolledBackBy: "us (auto)",
  isRolledBack: true,
  faultClass: "state-incompatibility",
  fault: "com.esotericsoftware.kryo.KryoException: Encountered unregistered class ID: 13994",
  approval: "approved",
  decidedBy: "ada@example.com",
  approvalNote: "=risky, but planned",
  campaignId: "camp-1",
};

/** A small RFC 4180 reader, to prove what a spreadsheet would read back. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let field = "";
  let fields: string[] = [];
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      fields.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      fields.push(field);
      rows.push(fields);
      fields = [];
      field = "";
      i++;
    } else field += c;
  }
  return rows;
}

describe("history CSV", () => {
  it("quotes commas, quotes and line breaks, and leaves plain text alone", () => {
    expect(csvField("plain")).toBe("plain");
    expect(csvField("a,b")).toBe('"a,b"');
    expect(csvField('say "hi"')).toBe('"say ""hi"""');
    expect(csvField("two\nlines")).toBe('"two\nlines"');
    expect(csvField(null)).toBe("");
    expect(csvField(12.5)).toBe("12.5");
    expect(csvField(Number.NaN)).toBe("");
  });

  it("defuses values a spreadsheet would run as formulas", () => {
    expect(csvField('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvField("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvField("-1+2")).toBe("'-1+2");
  });

  it("writes a header and one CRLF line per row that reads back to the same values", () => {
    const tricky = {
      ...row,
      id: "run2",
      initiatedBy: 'Doe, "J"',
      team: null,
      finishedAt: null,
      durationMs: null,
      outcome: "IN_PROGRESS",
      rolledBackBy: null,
      isRolledBack: false,
      verdict: null,
      faultClass: null,
      fault: null,
      approval: null,
      decidedBy: null,
      approvalNote: null,
      campaignId: null,
    };
    const text = historyCsv([row, tricky]);
    expect(text.endsWith("\r\n")).toBe(true);
    const [header, first, second, ...rest] = parseCsv(text);
    expect(rest).toEqual([]);
    expect(header).toEqual(csvHeaders);
    expect(first).toEqual([
      "run1",
      "orders-enricher",
      "123456789012",
      "platform",
      "us-east-1",
      "commerce",
      "UPGRADE",
      "FLINK-1_20",
      "FLINK-2_2",
      "priya@example.com",
      "2026-11-23T10:00:00.000Z",
      "2026-11-23T10:04:05.250Z",
      "245.3",
      "ROLLED_BACK",
      "yes",
      "us (auto)",
      "UNHEALTHY",
      "state-incompatibility",
      "com.esotericsoftware.kryo.KryoException: Encountered unregistered class ID: 13994",
      "approved",
      "ada@example.com",
      "'=risky, but planned",
      "camp-1",
    ]);
    expect(second![9]).toBe('Doe, "J"');
    expect(second!.slice(11, 23)).toEqual(["", "", "IN_PROGRESS", "no", "", "", "", "", "", "", "", ""]);
  });

  it("an empty view is the header alone", () => {
    expect(historyCsv([])).toBe(`${csvHeaders.join(",")}\r\n`);
  });
});
