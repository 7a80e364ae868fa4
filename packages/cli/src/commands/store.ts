import { commandAction, jsonOption, type CommandGroup } from "../command";

const operations = () => import("../store-operations");

const ENVIRONMENT = `
An object URL is a store URL whose last path part is the key: gs://bucket/mainnet/snapshot.car.zst

Environment:
  S3:  credentials from the AWS chain (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE, instance role), AWS_REGION;
       AWS_ENDPOINT_URL_S3 for S3-compatible stores, CHAINOPS_S3_FORCE_PATH_STYLE=true|false
       (default true with a custom endpoint)
  GCS: GOOGLE_APPLICATION_CREDENTIALS or workload identity; CHAINOPS_GCS_ENDPOINT for another endpoint,
       STORAGE_EMULATOR_HOST for an emulator (no auth), CHAINOPS_GCS_ANONYMOUS=true for public buckets`;

export const storeCommand: CommandGroup = {
  name: "store",
  summary: "list, read, write and verify objects in gs://, s3:// and file:// stores",
  register(group, context) {
    group.addHelpText("afterAll", ENVIRONMENT);
    group
      .command("ls")
      .description("objects under a store URL: key, size, updated")
      .argument("<url-prefix>", "gs://…, s3://… or file:///… store URL")
      .addOption(jsonOption())
      .action(commandAction(context, async (urlPrefix: string) => (await operations()).list(urlPrefix, context)));
    group
      .command("cat")
      .description("write an object to stdout")
      .argument("<object-url>", "the object, e.g. gs://my-bucket/mainnet/snapshot.car.zst")
      .action(commandAction(context, async (objectUrl: string) => (await operations()).cat(objectUrl, context)));
    group
      .command("put")
      .description("upload a file (or stdin, \"-\"), streamed, with its <object-url>.json metadata (sha256, size)")
      .argument("<file>", "the file to upload, or - for stdin")
      .argument("<object-url>", "where to store it, e.g. gs://my-bucket/mainnet/snapshot.car.zst")
      .option("--content-type <type>", "the object's content type")
      .option("--no-metadata", "do not write <object-url>.json")
      .addOption(jsonOption())
      .action(commandAction(context, async (file: string, objectUrl: string, options: { contentType?: string; metadata?: boolean }) => (await operations()).put(file, objectUrl, options, context)));
    group
      .command("verify")
      .description(`check an object's sha256 and size against its metadata JSON (fields sha256 and the first of filesize_bytes, compressed_size_bytes, size_bytes)`)
      .argument("<object-url>", "the object to check")
      .option("--metadata <url>", "the metadata document (default <object-url>.json)")
      .addOption(jsonOption())
      .action(commandAction(context, async (objectUrl: string, options: { metadata?: string }) => (await operations()).verify(objectUrl, options, context)));
  },
};

