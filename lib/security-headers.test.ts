import { describe, expect, it } from "vitest";
import { securityHeaders } from "./security-headers";

describe("security headers", () => {
  it("forbid framing, sniffing and foreign scripts; allow the IdP only as a form target", () => {
    const headers = securityHeaders({ idpOrigin: "https://sso.example.com", production: true });
    const csp = headers["Content-Security-Policy"]!;
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self' https://sso.example.com");
    expect(csp).toContain("script-src 'self' 'unsafe-inline';");
    expect(csp).toContain("object-src 'none'");
    expect(headers["X-Content-Type-Options"]).toBe("nosniff");
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });

  it("allow eval only in development (React's dev tooling needs it)", () => {
    expect(securityHeaders({ idpOrigin: null, production: false })["Content-Security-Policy"]).toContain(
      "'unsafe-eval'",
    );
    expect(securityHeaders({ idpOrigin: null, production: true })["Content-Security-Policy"]).not.toContain("eval");
  });
});
