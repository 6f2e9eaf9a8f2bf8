import type { TReportModel } from "./report-model";

export type TRenderOptions = {
  // Chromium to drive; defaults to PLAYWRIGHT_CHROMIUM_PATH, then /usr/bin/chromium.
  executablePath?: string;
};

// Report model -> PDF bytes through headless Chromium. Pure of the database.
export async function renderReportPdf(model: TReportModel, options: TRenderOptions = {}): Promise<{ pdf: Buffer; pageCount: number }> {
  void model;
  void options;
  throw new Error("renderReportPdf: not implemented yet");
}
