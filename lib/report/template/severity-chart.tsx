import type { TReportSeverity } from "../report-model";
import { SEVERITIES, SEVERITY_WORD } from "../words";
import { SEVERITY_COLOUR } from "./styles";

// Findings per severity as inline SVG (no script, no fonts fetched): a pale
// bar for all findings, a solid one for those still open.
export function SeverityChart({ total, open }: { total: Record<TReportSeverity, number>; open: Record<TReportSeverity, number> }) {
  const max = Math.max(1, ...SEVERITIES.map((s) => total[s]));
  const labelW = 70;
  const barW = 330;
  const rowH = 26;
  const height = SEVERITIES.length * rowH + 22;
  return (
    <svg className="chart" width="520" height={height} viewBox={`0 0 520 ${height}`} role="img" aria-label="Findings by severity">
      {SEVERITIES.map((s, i) => {
        const y = i * rowH + 4;
        const wTotal = (total[s] / max) * barW;
        const wOpen = (open[s] / max) * barW;
        return (
          <g key={s}>
            <text x={0} y={y + 13} fontSize="10" fontFamily="Geist" fill="#36415a">{SEVERITY_WORD[s]}</text>
            <rect x={labelW} y={y} width={barW} height={16} fill="#f1f3f7" />
            <rect x={labelW} y={y} width={wTotal} height={16} fill={SEVERITY_COLOUR[s]} opacity={0.28} />
            <rect x={labelW} y={y} width={wOpen} height={16} fill={SEVERITY_COLOUR[s]} />
            <text x={labelW + barW + 8} y={y + 12.5} fontSize="10" fontFamily="Geist" fill="#1d2433">
              {`${open[s].toLocaleString("en-GB")} open of ${total[s].toLocaleString("en-GB")}`}
            </text>
          </g>
        );
      })}
      <g transform={`translate(${labelW}, ${SEVERITIES.length * rowH + 8})`}>
        <rect width={10} height={8} fill="#36415a" />
        <text x={14} y={7.5} fontSize="8.5" fontFamily="Geist" fill="#5b6478">open</text>
        <rect x={50} width={10} height={8} fill="#36415a" opacity={0.28} />
        <text x={64} y={7.5} fontSize="8.5" fontFamily="Geist" fill="#5b6478">resolved, accepted or dismissed</text>
      </g>
    </svg>
  );
}
