// Elasticsearch / OpenSearch: GET / answers a JSON document with cluster_name and a tagline
// ("You Know, for Search"), or, with security on, 401 and a security_exception.
import { header, jsonBody, type THttpResponse } from "./http-response";

export function recogniseElasticsearch(root: THttpResponse): { authRequired: boolean; details: Record<string, string> } | null {
  const json = jsonBody(root);
  const version = json?.version as Record<string, unknown> | undefined;
  const tagline = typeof json?.tagline === "string" ? json.tagline : null;
  if (json && ((tagline && /for search|opensearch/i.test(tagline)) || (typeof json.cluster_name === "string" && typeof version?.number === "string"))) {
    const details: Record<string, string> = {};
    if (typeof json.cluster_name === "string") details.clusterName = json.cluster_name;
    if (typeof version?.number === "string") details.version = version.number;
    if (typeof version?.distribution === "string") details.distribution = version.distribution;
    if (tagline) details.tagline = tagline;
    return { authRequired: false, details };
  }
  const challenge = header(root, "www-authenticate") ?? "";
  if (root.status === 401 && (/realm="security"/i.test(challenge) || root.body.includes("security_exception"))) {
    return { authRequired: true, details: { security: "enabled" } };
  }
  return null;
}
