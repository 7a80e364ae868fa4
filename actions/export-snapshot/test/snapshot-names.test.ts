import { describe, expect, it } from "vitest";
import { parseSnapshotName, snapshotFileName } from "../src/snapshot-names";

describe("snapshot names", () => {
  it("parses the public archive's names and Lotus's CAR names", () => {
    expect(parseSnapshotName("historical-exports/snapshot_2295360_2298242_1667419153.car.zst")).toEqual({ start: 2295360, end: 2298242, unix: 1667419153, compressed: true });
    expect(parseSnapshotName("/var/lib/lotus/snapshot_99_2989_1700000000.car")).toEqual({ start: 99, end: 2989, unix: 1700000000, compressed: false });
  });

  it.each(["latest.json", "snapshot_1_2_3.car.zst.json", "snapshot_1_2.car.zst", "snapshot_a_2_3.car", "snapshot_5_2_3.car", "xsnapshot_1_2_3.car"])("ignores %s", (name) => {
    expect(parseSnapshotName(name)).toBeNull();
  });

  it("numeric order is not name order (epochs are not zero-padded)", () => {
    const names = ["snapshot_999_3889_1.car.zst", "snapshot_1000_3890_2.car.zst"].sort();
    expect(names[names.length - 1]).toBe("snapshot_999_3889_1.car.zst");
    expect(names.map((n) => parseSnapshotName(n)!.start).sort((a, b) => b - a)[0]).toBe(1000);
  });

  it("round-trips", () => {
    expect(snapshotFileName({ start: 1, end: 2891, unix: 5 }, true)).toBe("snapshot_1_2891_5.car.zst");
  });
});
