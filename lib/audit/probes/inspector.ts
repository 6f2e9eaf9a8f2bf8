// The node/Chrome DevTools inspector: GET /json/version answers JSON with "Browser" and the
// protocol or V8 version, and the WebSocket URL through which anyone may run code in the process.
import { jsonBody, type THttpResponse } from "./http-response";

export function recogniseInspector(jsonVersion: THttpResponse | null): Record<string, string> | null {
  if (!jsonVersion || jsonVersion.status !== 200) return null;
  const json = jsonBody(jsonVersion);
  if (!json || typeof json.Browser !== "string") return null;
  if (!("Protocol-Version" in json) && !("V8-Version" in json) && !("webSocketDebuggerUrl" in json)) return null;
  const details: Record<string, string> = { browser: json.Browser };
  if (typeof json["Protocol-Version"] === "string") details.protocolVersion = json["Protocol-Version"];
  if (typeof json["V8-Version"] === "string") details.v8Version = json["V8-Version"];
  return details;
}
