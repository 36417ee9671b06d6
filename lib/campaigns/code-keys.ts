// Where each application's new code comes from: a CSV line, else the pattern, else its current key when that is
// already built for the target.

export interface CsvProblem {
  line: number;
  text: string;
  reason: string;
}

export interface CodeKeyCsv {
  keys: Map<string, string>;
  rejected: CsvProblem[];
}

const s3Key = /^[\w!\-.*'()/]{1,1024}$/;

/**
 * Parses account,region,name,codeKey lines (or region,name,codeKey when only one account has that application);
 * unknown applications and duplicates are rejected line by line, the rest kept. `known`: "account/region/name".
 */
export function parseCodeKeyCsv(text: string, known: ReadonlySet<string>): CodeKeyCsv {
  const accountsOf = new Map<string, string[]>();
  for (const id of known) {
    const at = id.indexOf("/");
    const place = id.slice(at + 1);
    accountsOf.set(place, [...(accountsOf.get(place) ?? []), id.slice(0, at)]);
  }
  const keys = new Map<string, string>();
  const rejected: CsvProblem[] = [];
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (!line || (i === 0 && /^(account\s*,\s*)?region\s*,\s*name\s*,/i.test(line))) return;
    const reject = (reason: string) => rejected.push({ line: i + 1, text: line, reason });
    const fields = line.split(",").map((f) => f.trim());
    if (fields.length !== 3 && fields.length !== 4) return reject("expected account,region,name,codeKey");
    const [region, name, key] = fields.slice(-3) as [string, string, string];
    const accounts = fields.length === 4 ? [fields[0]!] : (accountsOf.get(`${region}/${name}`) ?? []);
    if (accounts.length > 1)
      return reject(`${region}/${name} is in ${accounts.length} accounts: name it as account,region,name,codeKey`);
    const id = `${accounts[0] ?? "?"}/${region}/${name}`;
    if (!known.has(id)) return reject(`unknown application ${fields.length === 4 ? id : `${region}/${name}`}`);
    if (!s3Key.test(key)) return reject("not a valid S3 key");
    if (keys.has(id)) return reject(`duplicate of an earlier line for ${id}`);
    keys.set(id, key);
  });
  return { keys, rejected };
}

export function keyFromPattern(pattern: string, app: { region: string; name: string }): string | null {
  if (!pattern) return null;
  return pattern.replaceAll("{name}", app.name).replaceAll("{region}", app.region);
}

/** "FLINK-2_2" → whether a key names that version ("2.2", "2_2"): code already rebuilt for the target. */
export function keyBuiltFor(key: string | null, targetRuntime: string): boolean {
  const m = /^FLINK-(\d+)_(\d+)$/.exec(targetRuntime);
  if (!key || !m) return false;
  return new RegExp(`(^|[^0-9])${m[1]}[._]${m[2]}([^0-9]|$)`).test(key);
}
