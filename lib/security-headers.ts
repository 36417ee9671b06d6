// The headers every response carries. Next renders inline bootstrap scripts and styles, hence 'unsafe-inline' for
// those two; everything else comes from this origin. Sign-out posts a form that redirects to the IdP, so the IdP's
// origin is an allowed form target.
export function securityHeaders(options: { idpOrigin: string | null; production: boolean }): Record<string, string> {
  const formTargets = ["'self'", ...(options.idpOrigin ? [options.idpOrigin] : [])].join(" ");
  const csp = [
    "default-src 'self'",
    `script-src 'self' 'unsafe-inline'${options.production ? "" : " 'unsafe-eval'"}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    `form-action ${formTargets}`,
    "frame-ancestors 'none'",
  ].join("; ");
  return {
    "Content-Security-Policy": csp,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
  };
}
