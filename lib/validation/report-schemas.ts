import { z } from "zod";
import { optionalPlainText, plainText } from "./text";

// The markings a report cover may carry: the usual corporate levels and the
// FIRST Traffic Light Protocol, so a client's handling rules have a name.
export const REPORT_CLASSIFICATIONS = ["CONFIDENTIAL", "RESTRICTED", "INTERNAL", "PUBLIC", "TLP:RED", "TLP:AMBER+STRICT", "TLP:AMBER", "TLP:GREEN", "TLP:CLEAR"] as const;

export const ZReportDraftInput = z.object({
  title: plainText("Title", 200),
  classification: z.enum(REPORT_CLASSIFICATIONS, { error: `Classification must be one of ${REPORT_CLASSIFICATIONS.join(", ")}` }).default("CONFIDENTIAL"),
  summary: optionalPlainText("Summary", 5000, { multiline: true }),
});

export type TReportDraftInput = z.output<typeof ZReportDraftInput>;
