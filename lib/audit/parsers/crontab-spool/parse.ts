// `ls -1 /var/spool/cron/crontabs`: one user name per line, each a user with a crontab.
// The names go on to build `crontab -l -u NAME`, so anything that is not a plain user name is
// reported, never passed on.
import type { TParsed } from "../../facts";
import { collector, eachLine, isBlank } from "../collect";

const USERNAME = /^[a-z_][a-z0-9_-]{0,31}$/;

export function parseCrontabSpool(text: string): TParsed<string> {
  const out = collector<string>();
  eachLine(text, out, (line, no) => {
    if (isBlank(line)) return;
    if (!USERNAME.test(line)) return out.skip(no, line, "not a user name cron would accept here");
    out.add(line);
  });
  return out.result();
}
