import { spawn } from "node:child_process";
import path from "node:path";
import type { TReportModel } from "@/lib/report/report-model";

const TIMEOUT_MS = 180_000;

// renderReportPdf, run by scripts/render-report.ts in a child process (see
// there why). tsx is already what `npm start` runs on, so it is installed
// wherever the web app runs.
export function renderPdfInChild(model: TReportModel): Promise<{ pdf: Buffer; pageCount: number }> {
  const script = path.join(process.cwd(), "scripts", "render-report.ts");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: process.cwd(), env: process.env, stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    let err = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), TIMEOUT_MS);
    child.stdout.on("data", (c: Buffer) => out.push(c));
    child.stderr.on("data", (c: Buffer) => (err = (err + c.toString("utf8")).slice(-4000)));
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      if (code !== 0) return reject(new Error(`Report rendering failed (${signal ? `killed by ${signal}` : `exit ${code}`}): ${err.trim()}`));
      try {
        const { pageCount, pdf } = JSON.parse(Buffer.concat(out).toString("utf8")) as { pageCount: number; pdf: string };
        resolve({ pdf: Buffer.from(pdf, "base64"), pageCount });
      } catch (e) {
        reject(new Error(`Report rendering answered something unreadable: ${String(e)}`));
      }
    });
    child.stdin.end(JSON.stringify(model));
  });
}
