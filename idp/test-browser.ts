// Test support: a "browser" that follows nothing by itself and keeps cookies by hand (name, path, expiry), so the
// tests see every redirect of a sign-in the way Chromium would make them.

interface Cookie {
  name: string;
  value: string;
  origin: string;
  path: string;
}

export class Browser {
  private cookies: Cookie[] = [];

  async get(url: string | URL): Promise<Response> {
    return this.request(new URL(url), { method: "GET" });
  }

  async post(url: string | URL, form: Record<string, string>): Promise<Response> {
    return this.request(new URL(url), {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    });
  }

  /** GETs each Location in turn (from `res`) until a redirect leaves `origin` or a page answers. */
  async follow(res: Response, base: string, origin: string): Promise<{ res: Response; url: URL }> {
    let current = res;
    let url = new URL(base);
    while (current.status >= 300 && current.status < 400) {
      url = new URL(current.headers.get("location") ?? "", url);
      if (url.origin !== origin) return { res: current, url };
      current = await this.get(url);
    }
    return { res: current, url };
  }

  cookieNames(): string[] {
    return this.cookies.map((c) => c.name);
  }

  private async request(url: URL, init: RequestInit): Promise<Response> {
    const cookie = this.cookies
      .filter(
        (c) =>
          c.origin === url.origin &&
          (url.pathname === c.path || url.pathname.startsWith(`${c.path}/`) || c.path === "/"),
      )
      .map((c) => `${c.name}=${c.value}`)
      .join("; ");
    const res = await fetch(url, {
      ...init,
      redirect: "manual",
      headers: { ...(init.headers as Record<string, string>), ...(cookie ? { cookie } : {}) },
    });
    for (const line of res.headers.getSetCookie()) this.store(url, line);
    return res;
  }

  private store(url: URL, line: string): void {
    const [pair = "", ...attributes] = line.split(";").map((part) => part.trim());
    const eq = pair.indexOf("=");
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    let path = "/";
    let expired = value === "";
    for (const attribute of attributes) {
      const [key = "", val = ""] = attribute.split("=");
      if (key.toLowerCase() === "path") path = val;
      if (key.toLowerCase() === "expires" && Date.parse(val) <= Date.now()) expired = true;
      if (key.toLowerCase() === "max-age" && Number(val) <= 0) expired = true;
    }
    this.cookies = this.cookies.filter((c) => !(c.name === name && c.path === path && c.origin === url.origin));
    if (!expired) this.cookies.push({ name, value, origin: url.origin, path });
  }
}
