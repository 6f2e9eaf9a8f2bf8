import { describe, expect, it } from "vitest";
import { isLinkLocal, linkLocalRefusal } from "./refuse-link-local";

describe("link-local webhook targets", () => {
  it("recognises IPv4, IPv6 and IPv4-mapped link-local addresses", () => {
    for (const a of ["169.254.169.254", "169.254.0.1", "fe80::1", "FEBF::1", "::ffff:169.254.169.254"]) expect(isLinkLocal(a)).toBe(true);
    for (const a of ["127.0.0.1", "10.0.0.1", "192.168.1.1", "::1", "fd00:ec2::254", "8.8.8.8", "fec0::1"]) expect(isLinkLocal(a)).toBe(false);
  });

  it("refuses a metadata URL by literal address and lets loopback receivers through", async () => {
    expect(await linkLocalRefusal("http://169.254.169.254/latest/meta-data/")).toMatch(/link-local address \(169\.254\.169\.254\)/);
    expect(await linkLocalRefusal("http://[fe80::1]:8080/hook")).toMatch(/link-local/);
    expect(await linkLocalRefusal("http://127.0.0.1:9000/hook")).toBeNull();
    expect(await linkLocalRefusal("http://localhost:9000/hook")).toBeNull();
  });
});
