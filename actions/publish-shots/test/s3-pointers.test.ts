import { HeadObjectCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, expect, it } from "vitest";
import { openStore, readJson } from "@chainops/shared/storage";
import { describeWithTools, startS3, type S3Fake } from "@chainops/testkit";
import type { LatestPointer } from "../src/latest-pointers";
import { createWorld, expectConsistent, type World } from "./world";

describeWithTools(["lz4", "tar"], "publish-shots on S3", () => {
  let world: World;
  let s3: S3Fake;
  beforeAll(async () => {
    world = await createWorld();
    s3 = await startS3({ buckets: ["tezos-shots"] });
    await world.addNetwork("mainnet", { size: 64 * 1024 });
  });
  afterAll(async () => {
    await s3.close();
    await world.close();
  });

  it("sets the website-redirect latest keys beside the pointer documents, after the indexes", async () => {
    const store = await openStore("s3://tezos-shots", s3.storeOptions());
    const result = await world.publish("mainnet", { bucket: "s3://tezos-shots" }, { store });
    expect(result.published).toHaveLength(2);
    await expectConsistent(store, ["mainnet"]);
    const names = ["rolling", "rolling-tarball", "rolling-snapshot-metadata", "rolling-tarball-metadata"];
    for (const name of names) {
      const pointer = (await readJson<LatestPointer>(store, `mainnet/latest/${name}.json`))!.value;
      const head = await s3.client().send(new HeadObjectCommand({ Bucket: "tezos-shots", Key: `mainnet/${name}` }));
      expect(head.WebsiteRedirectLocation, name).toBe(`/${pointer.target_key}`);
    }
  });
});
