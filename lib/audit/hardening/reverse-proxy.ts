// Strategy 3, only where public access is required: nginx in front with TLS
// and HTTP basic auth, the service itself moved off the public interface (by
// strategy 1, or strategy 2 where it cannot be rebound). The certificate is
// self-signed and generated on the host; the password is generated on the
// host into a root-only file and never leaves it (not in Palisade's evidence).
import type { THostFacts, TListenerOwner } from "../facts";
import { fileToRead } from "./backup";
import { shq } from "./shell";
import type { TStrategyResult } from "./types";

type TInner = Extract<TStrategyResult, { ok: true }>["step"];

function serverBlock(tlsPort: number, upstreamPort: number, tag: string): string[] {
  return [
    `# Palisade hardening step ${tag}: TLS and access control in front of 127.0.0.1:${upstreamPort}`,
    "server {",
    `    listen ${tlsPort} ssl;`,
    `    listen [::]:${tlsPort} ssl;`,
    "    server_name _;",
    `    ssl_certificate /etc/ssl/certs/palisade-${tag}.pem;`,
    `    ssl_certificate_key /etc/ssl/private/palisade-${tag}.key;`,
    "    ssl_protocols TLSv1.2 TLSv1.3;",
    '    auth_basic "restricted";',
    `    auth_basic_user_file /etc/nginx/palisade-${tag}.htpasswd;`,
    "    location / {",
    `        proxy_pass http://127.0.0.1:${upstreamPort};`,
    "        proxy_set_header Host $host;",
    "        proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;",
    "        proxy_set_header X-Forwarded-Proto https;",
    "    }",
    "}",
  ];
}

export function reverseProxy(owner: TListenerOwner, port: number, facts: THostFacts, inner: TInner | null, tag: string, hostname: string): TStrategyResult {
  if (!facts.services.some((s) => s.unit === "nginx.service")) return { ok: false, why: "nginx is not running on the host to act as the reverse proxy" };
  if (!inner) return { ok: false, why: "the service can be neither bound to localhost nor firewalled, so a proxy in front would leave it exposed beside the proxy" };
  const used = new Set(facts.listeners.filter((l) => l.proto === "tcp").map((l) => l.port));
  const tlsPort = [443, 8443].find((p) => !used.has(p));
  if (!tlsPort) return { ok: false, why: "ports 443 and 8443 are both taken on the host" };
  const site = `/etc/nginx/sites-available/palisade-${tag}.conf`;
  const enabled = `/etc/nginx/sites-enabled/palisade-${tag}.conf`;
  const cert = `/etc/ssl/certs/palisade-${tag}.pem`;
  const key = `/etc/ssl/private/palisade-${tag}.key`;
  const htpasswd = `/etc/nginx/palisade-${tag}.htpasswd`;
  const password = `/root/palisade-${tag}.password`;
  const created = [site, enabled, cert, key, htpasswd, password];
  return {
    ok: true,
    step: {
      strategy: "REVERSE_PROXY",
      title: `Serve port ${port} through nginx with TLS and basic auth on ${tlsPort}`,
      why: `${inner.why} nginx then serves it on ${tlsPort} with TLS and basic auth.`,
      commands: [
        ...inner.commands,
        ...created.map((f) => `test ! -e ${shq(f)}`),
        `openssl req -x509 -newkey rsa:2048 -nodes -days 365 -subj ${shq(`/CN=${hostname}`)} -keyout ${key} -out ${cert}`,
        `chmod 600 ${key}`,
        `sh -c ${shq(`umask 077 && openssl rand -base64 18 > ${password}`)}`,
        `sh -c ${shq(`umask 027 && printf 'palisade:%s\\n' "$(openssl passwd -apr1 -in ${password})" > ${htpasswd} && chgrp www-data ${htpasswd}`)}`,
        `printf '%s\\n' ${serverBlock(tlsPort, port, tag).map(shq).join(" ")} > ${site}`,
        `ln -s ${site} ${enabled}`,
        "nginx -t",
        "systemctl reload nginx.service",
      ],
      expectedAfter: `${inner.expectedAfter} nginx answers https://${hostname}:${tlsPort}/ with a certificate for CN=${hostname} and asks for a password (user palisade; the password is in ${password} on the host, root only).`,
      verifyCommands: [...inner.verifyCommands, `ss -H -tlnp ${shq(`sport = :${tlsPort}`)}`, `cat -- ${site}`, "nginx -t"],
      rollbackCommands: [`rm -f ${created.join(" ")}`, "nginx -t", "systemctl reload nginx.service", ...inner.rollbackCommands],
      files: [...inner.files, ...created.filter((f) => f !== password && f !== key).map((f) => fileToRead(f, "absent"))],
    },
  };
}
