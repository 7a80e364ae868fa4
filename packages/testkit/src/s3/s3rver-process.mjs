// Runs s3rver in its own process: it needs `node --openssl-legacy-provider` on newer Node,
// and a child keeps its work off the test's event loop. Prints {"port":N} once listening;
// exits when stdin closes (so it never outlives the test that started it).
import S3rver from "s3rver";

const directory = process.argv[2];
if (!directory) {
  console.error("usage: s3rver-process.mjs <directory>");
  process.exit(2);
}
const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory });
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);
process.stdin.on("end", () => {
  server.close().finally(() => process.exit(0));
});
process.stdin.resume();
