import { describe, expect, it } from "vitest";
import { parseHostList } from "./parse-host-list";

describe("bulk host list", () => {
  it("reads users, ports, IPv4, IPv6 and host names", () => {
    const { hosts, errors } = parseHostList(
      ["root@10.0.0.5:22", "db01.example.com", "admin@[2001:db8::1]:2222", "2001:db8::2", "deploy@web-1.internal:2200 Web one", "# a comment", ""].join("\n"),
    );
    expect(errors).toEqual([]);
    expect(hosts.map((h) => [h.username, h.address, h.port, h.label])).toEqual([
      ["root", "10.0.0.5", 22, "10.0.0.5"],
      ["root", "db01.example.com", 22, "db01.example.com"],
      ["admin", "2001:db8::1", 2222, "2001:db8::1"],
      ["root", "2001:db8::2", 22, "2001:db8::2"],
      ["deploy", "web-1.internal", 2200, "Web one"],
    ]);
  });

  it("reports each bad line with its number and reason", () => {
    const { hosts, errors } = parseHostList(["10.0.0.1", "10.0.0.300", "host:99999", "bad!user@h", "[::1", "h.example:22:33", "-bad-.example", "<script>alert(1)</script>"].join("\n"));
    expect(hosts).toHaveLength(1);
    expect(errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6, 7, 8]);
    expect(errors[0]!.message).toMatch(/not a host name, IPv4 or IPv6/);
    expect(errors[1]!.message).toMatch(/port "99999"/);
    expect(errors[3]!.message).toMatch(/missing \]/);
  });

  it("flags duplicates within one paste", () => {
    const { errors } = parseHostList("root@a.example\na.example:22\n");
    expect(errors).toEqual([{ line: 2, text: "a.example:22", message: "duplicate of line 1" }]);
  });

  it("asks for at least one host when the paste is empty", () => {
    expect(parseHostList("\n  \n# only a comment").errors[0]!.message).toMatch(/at least one host/);
  });

  it("refuses a label with markup", () => {
    expect(parseHostList("10.0.0.1 <b>x</b>").errors[0]!.message).toMatch(/plain text/);
  });

  it("bounds huge pastes instead of working through them", () => {
    const { hosts, errors } = parseHostList("10.0.0.1\n".repeat(6000));
    expect(hosts).toEqual([]);
    expect(errors[0]!.message).toMatch(/at most 5000 lines/);
  });
});
