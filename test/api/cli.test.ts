// The `wholesail` command as a newcomer runs it: help on each command, and `user add`.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const run = promisify(execFile);
const BIN = path.resolve("bin/wholesail.js");
const dataDir = mkdtempSync(path.join(tmpdir(), "wholesail-cli-"));
const env = { ...process.env, WHOLESAIL_DATA_DIR: dataDir, DATABASE_URL: "" };

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe("wholesail CLI", () => {
  it("prints help for every command", async () => {
    const top = await run(process.execPath, [BIN, "--help"], { env });
    for (const command of ["serve", "migrate", "demo", "user", "edi"]) expect(top.stdout).toContain(command);
    for (const args of [["serve"], ["migrate"], ["demo"], ["user", "add"], ["edi", "translate"]]) {
      const help = await run(process.execPath, [BIN, ...args, "--help"], { env });
      expect(help.stdout).toContain("Usage: wholesail");
    }
    expect((await run(process.execPath, [BIN, "demo", "--help"], { env })).stdout).toContain("--scale");
  }, 120_000);

  it("adds a user to an embedded database and explains bad input", async () => {
    const added = await run(
      process.execPath,
      [
        BIN,
        "user",
        "add",
        "--email",
        "ops@example.com",
        "--name",
        "Ops",
        "--role",
        "admin",
        "--password",
        "long-enough-pw",
      ],
      { env },
    );
    expect(added.stdout).toMatch(/Created admin ops@example.com/);
    const again = run(
      process.execPath,
      [
        BIN,
        "user",
        "add",
        "--email",
        "ops@example.com",
        "--name",
        "Ops",
        "--role",
        "admin",
        "--password",
        "long-enough-pw",
      ],
      { env },
    );
    await expect(again).rejects.toMatchObject({ stderr: expect.stringContaining("already exists") });
    const badRole = run(
      process.execPath,
      [BIN, "user", "add", "--email", "x@y.z", "--name", "X", "--role", "boss"],
      { env },
    );
    await expect(badRole).rejects.toMatchObject({ stderr: expect.stringContaining("expected one of admin") });
  }, 180_000);
});
