import type { TReportModel } from "../report-model";
import { Appendix } from "./appendix";
import { Cover } from "./cover";
import { Executive } from "./executive";
import { Findings } from "./findings";
import { fontFaceCss } from "./fonts";
import { Hardening } from "./hardening";
import { AcceptedRisks, Drift, OpenItems } from "./registers";
import { Scope } from "./scope";
import { SignOff } from "./sign-off";
import { runningHeaderCss } from "./running-header";
import { REPORT_CSS } from "./styles";
import { Toc, tocEntries } from "./toc";

// The whole report as one HTML document. The only raw HTML is our own CSS
// (React would escape the `>` of its selectors); everything from the model is
// a text child or attribute, escaped by React.
export function ReportDocument({ model, tocPages }: { model: TReportModel; tocPages: Map<string, number> | null }) {
  return (
    <html lang="en">
      <head>
        <meta charSet="utf-8" />
        <title>{`${model.report.title} — ${model.client.name}`}</title>
        <style dangerouslySetInnerHTML={{ __html: `${fontFaceCss()}\n${REPORT_CSS}\n${runningHeaderCss(model)}` }} />
      </head>
      <body>
        <Cover model={model} />
        <Toc entries={tocEntries(model)} pages={tocPages} />
        <Executive model={model} />
        <Scope model={model} />
        <Findings model={model} />
        <Hardening model={model} />
        <AcceptedRisks model={model} />
        <OpenItems model={model} />
        <Drift model={model} />
        <SignOff model={model} />
        <Appendix model={model} />
      </body>
    </html>
  );
}
