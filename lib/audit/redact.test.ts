import { describe, expect, it } from "vitest";
import { loadCaptures, outputBytes } from "../../scripts/lab/sim/capture-format";
import { evidenceHash } from "./evidence";
import { REDACTED, redact } from "./redact";

const R = REDACTED;

describe("redact: secrets a reviewer must never see on a page", () => {
  it.each([
    [
      "redis-server cmdline from /proc (NUL-separated)",
      "/usr/bin/redis-server\0*:6379\0--requirepass\0s3cr3t-P4ss\0",
      `/usr/bin/redis-server\0*:6379\0--requirepass\0${R}\0`,
    ],
    ["redis-server as ps prints it", "redis-server *:6379 --requirepass s3cr3t --masterauth m4ster", `redis-server *:6379 --requirepass ${R} --masterauth ${R}`],
    ["--password=x", "/opt/app/bin/app\0--password=hunter2\0--port=8080\0", `/opt/app/bin/app\0--password=${R}\0--port=8080\0`],
    ["--password x", "pg_dumpall --password hunter2 -h db", `pg_dumpall --password ${R} -h db`],
    ["--db-password / --api-key / --token=", "app --db-password x --api-key=abc --token=t0k", `app --db-password ${R} --api-key=${R} --token=${R}`],
    ["mysqldump -p<pw> in /etc/crontab", "0 2 * * * root /usr/bin/mysqldump -uroot -pS3cret --all-databases | gzip > /backup/db.sql.gz", `0 2 * * * root /usr/bin/mysqldump -uroot -p${R} --all-databases | gzip > /backup/db.sql.gz`],
    ["mysql cmdline", "mysql\0-u\0app\0-phunter2\0shop\0", `mysql\0-u\0app\0-p${R}\0shop\0`],
    ["redis-cli -a", "redis-cli --no-auth-warning -a hunter2 ping", `redis-cli --no-auth-warning -a ${R} ping`],
    [
      "docker inspect env (JSON)",
      '[{"Env":["POSTGRES_PASSWORD=example","PATH=/usr/local/sbin:/usr/bin","GOSU_VERSION=1.17","API_KEY=abc123"]}]',
      `[{"Env":["POSTGRES_PASSWORD=${R}","PATH=/usr/local/sbin:/usr/bin","GOSU_VERSION=1.17","API_KEY=${R}"]}]`,
    ],
    [
      "/proc/PID/environ",
      "HOME=/root\0DB_PASSWORD=hunter2\0GITHUB_TOKEN=ghp_abcdefghijkl\0SECRET=x\0PWD=/srv/app\0",
      `HOME=/root\0DB_PASSWORD=${R}\0GITHUB_TOKEN=${R}\0SECRET=${R}\0PWD=/srv/app\0`,
    ],
    ["shell assignment, quoted", "export AWS_SECRET_ACCESS_KEY='a b c'; PASSWORD=x ./run", `export AWS_SECRET_ACCESS_KEY='${R}'; PASSWORD=${R} ./run`],
    [
      "Authorization: Bearer in a cron job",
      '*/5 * * * * curl -s -H "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIx.abc" https://api.example.com/ping',
      `*/5 * * * * curl -s -H "Authorization: Bearer ${R}" https://api.example.com/ping`,
    ],
    ["URL with user:pass@", "/usr/bin/app\0--database-url=postgres://app:pa55w0rd@db:5432/app\0", `/usr/bin/app\0--database-url=postgres://app:${R}@db:5432/app\0`],
    ["curl -u user:pw", "curl -u admin:hunter2 http://x/", `curl -u admin:${R} http://x/`],
    ["redis.conf", "requirepass foobared\nbind 0.0.0.0", `requirepass ${R}\nbind 0.0.0.0`],
    ["JSON config", '{"password": "hunter2", "user": "x"}', `{"password": "${R}", "user": "x"}`],
    [
      "PEM private key",
      "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA\nAAAA\n-----END OPENSSH PRIVATE KEY-----\nafter",
      `-----BEGIN OPENSSH PRIVATE KEY-----\n${R}\n-----END OPENSSH PRIVATE KEY-----\nafter`,
    ],
    ["PEM key cut off by truncation", "-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA", `-----BEGIN RSA PRIVATE KEY-----\n${R}\n`],
  ])("%s", (_name, raw, want) => {
    expect(redact(raw)).toEqual({ text: want, redacted: true });
  });

  it.each([
    ["ssh -p is a port", "ssh -p 2222 backup@10.0.0.5 -i /root/.ssh/id"],
    ["sshd's title", "sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups\0"],
    ["ss output", 'LISTEN 0 511 0.0.0.0:6379 0.0.0.0:* users:(("redis-server",pid=35,fd=6))'],
    ["a flag naming a file", "app --password-file /etc/pw --auth-file=/etc/a"],
    ["an env var naming a file", "MYSQL_ROOT_PASSWORD_FILE=/run/secrets/db"],
    ["PWD is a directory", "PWD=/srv/app\0OLDPWD=/\0"],
    ["mysql -p without a value prompts", "mysql -p -h db"],
    ["a word that contains 'pass'", "Speculation_Store_Bypass:\tvulnerable\n--tokenizer=basic"],
    ["node inspector", "/usr/bin/node\0--inspect=0.0.0.0:9229\0/srv/shop-api/server.js\0"],
  ])("leaves %s alone", (_name, raw) => {
    expect(redact(raw)).toEqual({ text: raw, redacted: false });
  });

  it("is idempotent: redacting twice changes nothing more", () => {
    const once = redact("redis-server --requirepass x PASSWORD=y postgres://a:b@h/ Authorization: Bearer abcdefghijk").text;
    expect(redact(once)).toEqual({ text: once, redacted: false });
  });

  it("redacts nothing in the lab captures, which carry no secrets", () => {
    for (const c of loadCaptures()) {
      for (const [command, o] of Object.entries(c.commands)) {
        for (const text of [command, outputBytes(o).toString("utf8"), o.stderr]) {
          expect(redact(text).redacted, `${c.scenario}: ${command}`).toBe(false);
        }
      }
    }
  });
});

describe("evidence hash", () => {
  it("is over the raw bytes, so a redacted output still verifies against a re-run", () => {
    const stdout = Buffer.from("/usr/bin/redis-server\0*:6379\0--requirepass\0s3cr3t\0");
    const h = evidenceHash("cat /proc/35/cmdline", stdout, Buffer.alloc(0), 0);
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(evidenceHash("cat /proc/35/cmdline", Buffer.from(stdout), Buffer.alloc(0), 0)).toBe(h);
    expect(evidenceHash("cat /proc/35/cmdline", Buffer.from(redact(stdout.toString()).text), Buffer.alloc(0), 0)).not.toBe(h);
    // Field boundaries count: moving a byte from stdout to stderr changes the hash.
    expect(evidenceHash("a", Buffer.from("bc"), Buffer.from(""), 0)).not.toBe(evidenceHash("a", Buffer.from("b"), Buffer.from("c"), 0));
    expect(evidenceHash("a", Buffer.from(""), Buffer.from(""), null)).not.toBe(evidenceHash("a", Buffer.from(""), Buffer.from(""), 0));
  });
});
