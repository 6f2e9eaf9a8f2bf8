// Renders one report model to PDF in a process of its own, for the web app:
// Next.js refuses to bundle react-dom/server (the report template's HTML
// renderer) into route handlers and server actions
// (https://github.com/vercel/next.js/issues/43810), so the web process hands
// the model over stdin and reads the PDF back. Protocol: model JSON in;
// on stdout one JSON line { pageCount, pdf (base64) }; errors on stderr, exit 1.
import { renderReportPdf } from "@/lib/report/render-report-pdf";
import { ZReportModel } from "@/lib/report/report-model";

async function main() {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  const model = ZReportModel.parse(JSON.parse(Buffer.concat(chunks).toString("utf8")));
  const { pdf, pageCount } = await renderReportPdf(model);
  process.stdout.write(`${JSON.stringify({ pageCount, pdf: pdf.toString("base64") })}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
