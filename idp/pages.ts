// The provider's own HTML: sign-in (one button per seeded user), sign-out confirmation and error pages. No scripts,
// every interpolated value escaped.
import { signInButtonText, type SeededUser } from "./users";

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

// Pages never load anything; form posts and the redirects after them are left alone (form-action would also
// police the redirect to the app).
export const pageSecurityHeaders = {
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'",
  "cache-control": "no-store",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};

const style =
  "body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:40rem;padding:0 1rem;line-height:1.4}" +
  "ul{list-style:none;padding:0}li{margin:.5rem 0}button{font:inherit;padding:.4rem .8rem;cursor:pointer}" +
  "small{color:#555;display:block}";

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${style}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}

export const signInHeading = "Sign in to the MSF fleet dashboard (local demo identity provider)";

export function signInPage(uid: string, users: readonly SeededUser[]): string {
  const items = users.map(
    (user) =>
      `<li><button type="submit" name="account" value="${escapeHtml(user.id)}">${escapeHtml(signInButtonText(user))}</button>` +
      `<small>${escapeHtml(user.email)} · groups: ${escapeHtml(user.groups.join(", "))}</small></li>`,
  );
  return layout(
    "Sign in",
    `<h1>${escapeHtml(signInHeading)}</h1>
<p>No passwords here: choose a seeded user. Their groups decide their roles in the dashboard.</p>
<form method="post" action="/interaction/${encodeURIComponent(uid)}">
<ul>
${items.join("\n")}
</ul>
</form>`,
  );
}

export function messagePage(title: string, message: string): string {
  return layout(title, `<h1>${escapeHtml(title)}</h1>\n<p>${escapeHtml(message)}</p>`);
}

/** `form` is oidc-provider's hidden form (id op.logoutForm, with its xsrf token); the button submits it. */
export function signOutPage(form: string, who: string | undefined): string {
  const signedInAs = who ? `<p>You are signed in as ${escapeHtml(who)}.</p>\n` : "";
  return layout(
    "Sign out",
    `<h1>Sign out of the local demo identity provider</h1>
${signedInAs}${form}
<button type="submit" form="op.logoutForm" name="logout" value="yes">Sign out</button>`,
  );
}
