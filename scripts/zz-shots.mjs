import { chromium } from "@playwright/test";
const base = "http://127.0.0.1:3200";
const [, , ...paths] = process.argv;
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
page.on("console", (m) => { if (m.type() === "error" || m.type() === "warning") console.log("console:", m.type(), m.text().slice(0, 300)); });
page.on("pageerror", (e) => console.log("pageerror:", e.message));
for (const [i, p] of paths.entries()) {
  const [path, wait = "2000"] = p.split("|");
  await page.goto(base + path, { waitUntil: "networkidle" });
  await page.waitForTimeout(Number(wait));
  await page.screenshot({ path: `/tmp/preview/shot-${i}.png`, fullPage: true });
  console.log("shot", i, path);
}
await browser.close();
