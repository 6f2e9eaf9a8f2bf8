// The Docker Engine API: GET /version answers JSON with ApiVersion. Answering it without
// credentials means anyone who reaches the port controls the host's containers.
import { header, jsonBody, type THttpResponse } from "./http-response";

export function recogniseDockerApi(version: THttpResponse | null): { authRequired: boolean; details: Record<string, string> } | null {
  if (!version) return null;
  const json = jsonBody(version);
  if (json && typeof json.ApiVersion === "string") {
    const details: Record<string, string> = { apiVersion: json.ApiVersion };
    for (const [from, to] of [["Version", "version"], ["Os", "os"], ["Arch", "arch"], ["KernelVersion", "kernelVersion"]] as const) {
      if (typeof json[from] === "string") details[to] = json[from] as string;
    }
    return { authRequired: false, details };
  }
  // An authorization plugin or a proxy in front: the engine's own headers, but no answer.
  if ((version.status === 401 || version.status === 403) && (header(version, "api-version") || /^Docker\//.test(header(version, "server") ?? ""))) {
    return { authRequired: true, details: {} };
  }
  return null;
}
