// A webhook URL often is a bearer credential itself (Slack's incoming-webhook
// path is the token), so pages show where it points, not the whole of it.
export function redactUrl(url: string): string {
  if (!URL.canParse(url)) return "(invalid URL)";
  const u = new URL(url);
  const segments = u.pathname.split("/").filter(Boolean);
  const more = segments.length > 1 || u.search !== "";
  return `${u.protocol}//${u.host}${segments[0] ? `/${segments[0]}` : ""}${more ? "/…" : ""}`;
}
