// Secrets in command lines, /proc cmdlines (NUL-separated), env-like and config-like output are
// replaced by [REDACTED] before anything is stored or shown. Evidence hashes are computed over
// the raw bytes first (see evidence.ts), so integrity can still be checked against a re-run.
//
// This errs on the side of hiding: a path or flag mistaken for a secret costs a reviewer a
// re-run; a password on a report page cannot be taken back.

export const REDACTED = "[REDACTED]";

export type TRedaction = { text: string; redacted: boolean };

// Argument separators: whitespace, or the NUL between /proc/PID/cmdline arguments.
const SEP = "[\\s\\0]";
const VALUE = "[^\\s\\0]+";

// Flag and variable names that carry a secret, as whole words of the name.
const SECRET_WORD = "(?:password|passwd|passphrase|pass|pwd|requirepass|masterauth|secret|token|api[-_]?key|apikey|access[-_]?key|secret[-_]?key|private[-_]?key|client[-_]?secret|auth[-_]?token|credentials?)";
// A name that ends like this points at where a secret lives, not the secret itself.
const NOT_A_VALUE = /(?:[-_](?:file|path|dir|warning|prompt|stdin|length|policy|env))$/i;

type TRule = (text: string) => string;

// PEM private keys: keep the armour lines so a reader sees what was there.
const pemBlocks: TRule = (t) =>
  t
    .replace(/(-----BEGIN ([A-Z0-9 ]*?)PRIVATE KEY-----)[\s\S]*?(-----END \2PRIVATE KEY-----)/g, `$1\n${REDACTED}\n$3`)
    // A block cut off by truncation has no END line: hide the rest.
    .replace(/(-----BEGIN ([A-Z0-9 ]*?)PRIVATE KEY-----)(?![\s\S]*-----END \2PRIVATE KEY-----)(?!\n\[REDACTED\]\n)[\s\S]*$/g, `$1\n${REDACTED}\n`);

// scheme://user:password@host
const urlCredentials: TRule = (t) =>
  t.replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^\s\0:/@"'<>]*):([^\s\0@/"'<>]+)@/gi, (m, scheme: string, user: string, pw: string) =>
    pw === REDACTED ? m : `${scheme}${user}:${REDACTED}@`,
  );

// Authorization: Bearer <token> / Basic <b64> / <anything> (headers, curl -H, logs).
const authorizationHeader: TRule = (t) =>
  t.replace(/\b((?:proxy-)?authorization\s*[:=]\s*)(?:(bearer|basic|token|digest|negotiate)\s+)?([^\s\0"',;]+)/gi, (m, head: string, scheme: string | undefined, value: string) =>
    value === REDACTED ? m : `${head}${scheme ? `${scheme} ` : ""}${REDACTED}`,
  );
const bearerAlone: TRule = (t) => t.replace(/\b(Bearer\s+)([A-Za-z0-9._~+/=-]{8,})/g, `$1${REDACTED}`);

// --password=x, --password x, --requirepass x, -password x, --db-password x ...
const secretFlags: TRule = (t) =>
  t.replace(
    // The value never comes from the next line: that is another record, not an argument.
    new RegExp(`(^|${SEP})(--?(?:[a-z0-9]+[-_])*${SECRET_WORD}(?:[-_][a-z0-9]+)*)(=|[ \\t\\0]+)(${VALUE})`, "gim"),
    (m, lead: string, flag: string, sep: string, value: string) => {
      if (NOT_A_VALUE.test(flag) || value === REDACTED) return m;
      // A space-separated "value" that is itself a flag means the flag took no value.
      if (sep !== "=" && value.startsWith("-")) return m;
      return `${lead}${flag}${sep}${REDACTED}`;
    },
  );

function quotedValueEnd(text: string, start: number): number {
  const q = text[start];
  if (q === "'" || q === '"') {
    const close = text.indexOf(q, start + 1);
    return close === -1 ? text.length : close + 1;
  }
  const m = /[\s\0"',;}\]]/.exec(text.slice(start));
  return m ? start + m.index : text.length;
}

// PASSWORD=x, DB_PASSWORD=x, GITHUB_TOKEN=x, SECRET=x, API_KEY=x, "POSTGRES_PASSWORD=x" in JSON.
const ENV_NAME = new RegExp(`(?:^|_)${SECRET_WORD.replace(/\[-_\]\?/g, "_?")}(?:_[A-Z0-9]+)*$`, "i");
const envAssignments: TRule = (t) => {
  const re = /(^|[\s\0"'{,;(]|\bexport\s)([A-Za-z_][A-Za-z0-9_]*)=/g;
  let out = "";
  let last = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    const name = m[2]!;
    // PWD/OLDPWD are directories; *_FILE names where the secret is read from.
    if (/^(OLD)?PWD$/i.test(name) || NOT_A_VALUE.test(name) || !ENV_NAME.test(name)) continue;
    const valueStart = m.index + m[0].length;
    if (/^["']?\[REDACTED\]/.test(t.slice(valueStart, valueStart + 12))) continue;
    const end = quotedValueEnd(t, valueStart);
    if (end === valueStart) continue;
    const raw = t.slice(valueStart, end);
    if (raw === REDACTED || raw === `'${REDACTED}'` || raw === `"${REDACTED}"`) continue;
    const quote = raw[0] === "'" || raw[0] === '"' ? raw[0] : "";
    out += t.slice(last, valueStart) + (quote ? `${quote}${REDACTED}${quote}` : REDACTED);
    last = end;
    re.lastIndex = end;
  }
  return out + t.slice(last);
};

// "password": "x" in JSON; password: x / password = x in YAML and ini files; redis.conf's
// `requirepass x` and `masterauth x`.
// A key whose words (split on - _ .) include a secret word: "db_password", "auth.token".
// Whole words only: /proc/PID/status's "Speculation_Store_Bypass" is no password.
const SECRET_KEY = `(?:[A-Za-z0-9]+[-_.])*${SECRET_WORD}(?:[-_.][A-Za-z0-9]+)*`;
const keyValueConfig: TRule = (t) =>
  t
    .replace(new RegExp(`("${SECRET_KEY}"\\s*:\\s*")((?:[^"\\\\]|\\\\.)*)(")`, "gi"), (m, a: string, v: string, z: string) =>
      v === "" || v === REDACTED || NOT_A_VALUE.test(a.replace(/"\s*:\s*"$/, "").replace(/^"/, "")) ? m : `${a}${REDACTED}${z}`,
    )
    .replace(new RegExp(`^(\\s*(${SECRET_KEY})\\s*[:=]\\s*)([^\\s#\\0][^\\0\\n]*)`, "gim"), (m, a: string, key: string, v: string) =>
      v.trim() === REDACTED || NOT_A_VALUE.test(key) || /^(OLD)?PWD$/i.test(key) ? m : `${a}${REDACTED}`,
    )
    .replace(/^(\s*(?:requirepass|masterauth)[ \t]+)(\S+)/gim, (m, a: string, v: string) => (v === REDACTED ? m : `${a}${REDACTED}`));

// Programs whose short option carries the password glued or as the next argument:
// mysql -psecret / mysqldump -p'x', redis-cli -a x, sshpass -p x, curl -u user:pw.
const PROGRAM_RULES: Array<{ program: RegExp; option: RegExp }> = [
  {
    program: /(?:^|[\s\0/])(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlcheck|mysqlpump|mysqlsh|mariadb|mariadb-dump|mariadb-admin)(?=[\s\0]|$)/,
    option: new RegExp(`(${SEP})-p(?!${SEP}|$)(${VALUE})`, "g"),
  },
  { program: /(?:^|[\s\0/])redis-cli(?=[\s\0]|$)/, option: new RegExp(`(${SEP})-a(${SEP}+|(?=[^\\s\\0-]))(${VALUE})`, "g") },
  { program: /(?:^|[\s\0/])sshpass(?=[\s\0]|$)/, option: new RegExp(`(${SEP})-p(${SEP}*)(${VALUE})`, "g") },
];
const programOptions: TRule = (t) =>
  t
    .split("\n")
    .map((line) => {
      let l = line;
      for (const rule of PROGRAM_RULES) {
        if (!rule.program.test(l)) continue;
        // The option regexes end with the value group: replace's arguments are then
        // (match, ...groups, value, offset, whole).
        l = l.replace(rule.option, (m: string, ...rest: unknown[]) => {
          const value = rest[rest.length - 3] as string;
          return value === REDACTED ? m : m.slice(0, m.length - value.length) + REDACTED;
        });
      }
      // curl/wget -u user:password, --user user:password
      return l.replace(new RegExp(`(${SEP})(-u|--user|--proxy-user)(${SEP}+|=)([^\\s\\0:]+):(${VALUE})`, "g"), (m, a: string, f: string, s: string, u: string, pw: string) =>
        pw === REDACTED ? m : `${a}${f}${s}${u}:${REDACTED}`,
      );
    })
    .join("\n");

const RULES: TRule[] = [pemBlocks, urlCredentials, authorizationHeader, bearerAlone, secretFlags, envAssignments, keyValueConfig, programOptions];

export function redact(text: string): TRedaction {
  let out = text;
  for (const rule of RULES) out = rule(out);
  return { text: out, redacted: out !== text };
}
