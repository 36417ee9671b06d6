import { describe, expect, it } from "vitest";
import { cronInWords, minutesInWords } from "./cron-words";

describe("a window's schedule in words", () => {
  it("says the common shapes", () => {
    expect(cronInWords("0 9 * * 1-5")).toBe("Mon–Fri at 09:00");
    expect(cronInWords("30 2 * * *")).toBe("daily at 02:30");
    expect(cronInWords("0 17 * * 5")).toBe("Fri at 17:00");
    expect(cronInWords("0 0 * * 0,6")).toBe("Sun, Sat at 00:00");
    expect(cronInWords("15 * * * *")).toBe("every hour at :15");
    expect(cronInWords("0 6 1 * *")).toBe("on day 1 of each month at 06:00");
    expect(cronInWords("0 0 24 12 *")).toBe("on 24 Dec at 00:00");
  });

  it("gives up (null) rather than guess", () => {
    for (const expr of ["*/5 * * * *", "0 9-17 * * *", "0 9 * * MON-FRI", "0 9 1 * 1", "0 9 * * 8", "0 9 * *"])
      expect(cronInWords(expr)).toBeNull();
  });

  it("durations", () => {
    expect(minutesInWords(45)).toBe("45 min");
    expect(minutesInWords(90)).toBe("90 min");
    expect(minutesInWords(480)).toBe("8 h");
    expect(minutesInWords(10080)).toBe("7 d");
    expect(minutesInWords(1500)).toBe("1 d 1 h");
  });
});
