// The common shapes of a window's cron expression in words ("Mon–Fri at 09:00"); null for anything else, which
// the page then shows as the expression alone. Words are a convenience; the expression is what is evaluated.

const days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const months = ["", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

const isNumber = (s: string) => /^\d+$/.test(s);

/** "1-5" → "Mon–Fri", "0,6" → "Sun, Sat"; null when a part is not a plain number or range of numbers. */
function listIn(field: string, names: string[], max: number): string | null {
  const parts = field.split(",").map((part) => {
    const range = /^(\d+)-(\d+)$/.exec(part);
    if (range) {
      const [from, to] = [Number(range[1]), Number(range[2])];
      return from <= to && to <= max ? `${names[from]}–${names[to]}` : null;
    }
    return isNumber(part) && Number(part) <= max ? (names[Number(part)] ?? null) : null;
  });
  return parts.every((p) => p) ? parts.join(", ") : null;
}

const two = (n: string) => n.padStart(2, "0");

export function cronInWords(expression: string): string | null {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5) return null;
  const [minute, hour, dom, month, dow] = fields as [string, string, string, string, string];
  if (!isNumber(minute) || Number(minute) > 59) return null;
  let time: string;
  if (isNumber(hour) && Number(hour) <= 23) time = `at ${two(hour)}:${two(minute)}`;
  else if (hour === "*") time = `every hour at :${two(minute)}`;
  else return null;
  if (dom === "*" && month === "*" && dow === "*") return hour === "*" ? time : `daily ${time}`;
  if (dom === "*" && month === "*") {
    const weekdays = listIn(dow, days, 7);
    return weekdays ? `${weekdays} ${time}` : null;
  }
  if (dow === "*" && isNumber(dom)) {
    if (month === "*") return `on day ${dom} of each month ${time}`;
    const inMonths = listIn(month, months, 12);
    return inMonths ? `on ${dom} ${inMonths} ${time}` : null;
  }
  return null;
}

/** "90 min", "8 h", "2 d 4 h". */
export function minutesInWords(minutes: number): string {
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (minutes < 60 || (minutes < 1440 && m && minutes < 180)) return `${minutes} min`;
  return [d ? `${d} d` : "", h ? `${h} h` : "", m ? `${m} min` : ""].filter(Boolean).join(" ");
}
