import type { TTx } from "@/lib/server/db";
import type { TReportInput, TReportModel } from "./report-model";

// Database -> report model. The only file in lib/report that touches Prisma.
// No authorization here: the caller (the report domain) scopes the engagement first.
export async function buildReportModel(tx: TTx, input: TReportInput): Promise<TReportModel> {
  void tx;
  void input;
  throw new Error("buildReportModel: not implemented yet");
}
