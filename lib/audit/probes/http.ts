// HTTP: what GET / answers (status, Server, whether it asks for credentials, CORS towards a
// foreign origin), how well-known debug and metrics paths answer, and whether the HTTP service
// is really an Elasticsearch, a Docker engine or a DevTools inspector.
import type { THttpInfo } from "../classification-types";
import { isFatal, type TOpener, type TProbeContext } from "./context";
import { recogniseDockerApi } from "./docker-api";
import { recogniseElasticsearch } from "./elasticsearch";
import { header, httpComplete, parseHttpResponse, type THttpResponse } from "./http-response";
import { recogniseInspector } from "./inspector";

export const PROBE_ORIGIN = "https://palisade-probe.invalid";
export const WELL_KNOWN_PATHS = ["/metrics", "/debug/pprof/", "/actuator", "/server-status"] as const;
// No server has this; a 2xx here means every path answers 2xx and the others prove little.
export const UNKNOWN_PATH = "/palisade-probe-404";

// The first request to a port nothing is known about yet: HTTP/1.0 without a Host header.
// Redis treats a "Host:" line as a cross-protocol attack and logs a security warning.
export const IDENTIFY_REQUEST = "GET / HTTP/1.0\r\nUser-Agent: palisade-probe\r\nAccept: */*\r\n\r\n";

export function httpRequest(path: string, origin = false): string {
  return (
    `GET ${path} HTTP/1.1\r\nHost: localhost\r\nUser-Agent: palisade-probe (read-only security audit)\r\nAccept: */*\r\n` +
    `${origin ? `Origin: ${PROBE_ORIGIN}\r\n` : ""}Connection: close\r\n\r\n`
  );
}

// GET path on a fresh connection; null when nothing HTTP came back (recorded either way).
export async function httpGet(ctx: TProbeContext, open: TOpener, path: string, origin = false): Promise<THttpResponse | null> {
  let link;
  try {
    link = await open();
  } catch (err) {
    // Recorded in the transcript already; one path that cannot be fetched is not the end.
    if (isFatal(err)) throw err;
    return null;
  }
  try {
    const label = `GET ${path}${origin ? ` (Origin: ${PROBE_ORIGIN})` : ""}${link.tls ? " over TLS" : ""}`;
    const r = await ctx.talk(link, label, { send: httpRequest(path, origin), timeoutMs: ctx.limits.requestMs, complete: httpComplete });
    return parseHttpResponse(r.bytes);
  } finally {
    link.close();
  }
}

// GET / answered 401/403 or with a challenge: credentials demanded. Any other answer below 500:
// it served an anonymous client. 5xx or nothing: cannot tell.
export function authFromRoot(root: THttpResponse | null): boolean | null {
  if (!root) return null;
  if (root.status === 401 || root.status === 403 || root.headers.has("www-authenticate")) return true;
  return root.status < 500 ? false : null;
}

// Fills the probe in as each answer arrives, so a probe stopped half-way keeps what it learnt.
export async function probeHttpService(ctx: TProbeContext, open: TOpener): Promise<void> {
  const p = ctx.probe;
  const root = await httpGet(ctx, open, "/", true);
  const http: THttpInfo = {
    status: root?.status ?? null,
    server: header(root, "server"),
    authRequired: authFromRoot(root) === true,
    corsAllowOrigin: header(root, "access-control-allow-origin"),
    paths: [],
  };
  p.protocol = "http";
  p.http = http;
  p.authRequired = authFromRoot(root);
  if (header(root, "access-control-allow-credentials")) p.details.corsAllowCredentials = header(root, "access-control-allow-credentials")!;

  const es = root ? recogniseElasticsearch(root) : null;
  if (es) {
    p.protocol = "elasticsearch";
    p.authRequired = es.authRequired;
    Object.assign(p.details, es.details);
  }
  const inspector = recogniseInspector(await httpGet(ctx, open, "/json/version"));
  if (inspector) {
    p.protocol = "inspector";
    // The DevTools protocol has no authentication: whoever connects may run code.
    p.authRequired = false;
    Object.assign(p.details, inspector);
  }
  const docker = recogniseDockerApi(await httpGet(ctx, open, "/version"));
  if (docker) {
    p.protocol = "docker-api";
    p.authRequired = docker.authRequired;
    Object.assign(p.details, docker.details);
  }
  for (const path of WELL_KNOWN_PATHS) {
    const r = await httpGet(ctx, open, path);
    http.paths.push({ path, status: r?.status ?? null });
  }
  const unknown = await httpGet(ctx, open, UNKNOWN_PATH);
  if (unknown) p.details.unknownPathStatus = String(unknown.status);
}
