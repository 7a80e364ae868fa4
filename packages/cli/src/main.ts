// The `chainops` executable: the CLI adapter over the actions' run() (see program.ts).
import { runCli } from "./program";

process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env: process.env });
