import { describe, expect, it } from "vitest";
import { assertLocalDatabase } from "./assert-local-database";

describe("assertLocalDatabase", () => {
  it.each([
    "postgresql://u:p@localhost:5432/db",
    "postgresql://u:p@127.0.0.1:54329/db",
    "postgres://u:p@[::1]:5432/db",
    "postgresql:///db?host=/var/run/postgresql",
  ])("accepts %s", (url) => {
    expect(() => assertLocalDatabase(url)).not.toThrow();
  });

  it.each([
    "postgresql://u:p@db.example.com:5432/prod",
    "postgresql://u:p@10.0.0.5:5432/db",
    "postgresql://u:p@localhost.evil.example:5432/db",
    // ?host= wins over the URL's host in libpq, so it is what gets checked.
    "postgresql://u:p@localhost:5432/db?host=db.example.com",
  ])("refuses %s", (url) => {
    expect(() => assertLocalDatabase(url)).toThrow(/Refusing to run integration tests/);
  });

  it("refuses something that is not a Postgres URL", () => {
    expect(() => assertLocalDatabase("mysql://u:p@localhost/db")).toThrow(/postgresql:\/\//);
    expect(() => assertLocalDatabase("not a url")).toThrow(/not a valid URL/);
  });
});
