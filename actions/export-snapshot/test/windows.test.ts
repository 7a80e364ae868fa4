import { describe, expect, it } from "vitest";
import { nextWindowStart, planWindows, windowAt } from "../src/windows";

const settings = { range: 2880, finality: 900, margin: 15 };

describe("export windows", () => {
  it.each([
    // name, newest published start, start-epoch, head, max-exports, expected ready starts, expected next start
    ["empty bucket, start-epoch given", undefined, 0, 9000, 5, [0, 2880], 5760],
    ["exactly on the boundary is ready", 2880, undefined, 5760 + 2880 + 915, 5, [5760], 8640],
    ["one epoch short is not ready", 2880, undefined, 5760 + 2880 + 914, 5, [], 5760],
    ["several windows behind, capped by max-exports", 0, undefined, 2880 * 10 + 915, 3, [2880, 5760, 8640], 11520],
    ["several windows behind, all ready within max-exports", 0, undefined, 2880 * 4 + 915, 10, [2880, 5760, 8640], 11520],
    ["max-exports 1 exports only the oldest", 0, undefined, 2880 * 10, 1, [2880], 5760],
    ["head behind the window start", 100_000, undefined, 50_000, 5, [], 102_880],
  ])("%s", (_name, newest, startEpoch, head, max, ready, next) => {
    const first = nextWindowStart(newest, settings.range, startEpoch);
    expect(first).toBeDefined();
    const plan = planWindows(first!, head, settings, max);
    expect(plan.ready.map((w) => w.start)).toEqual(ready);
    expect(plan.next.start).toBe(next);
    for (const w of plan.ready) expect(w.end).toBe(w.start + 2880);
  });

  it("the newest published start wins over start-epoch; an empty bucket without one has no start", () => {
    expect(nextWindowStart(5760, 2880, 0)).toBe(8640);
    expect(nextWindowStart(undefined, 2880, 123)).toBe(123);
    expect(nextWindowStart(undefined, 2880, undefined)).toBeUndefined();
  });

  it("readyAt = start + range + finality + margin (Filcryo's docs: +15; its code: margin 5 after 900)", () => {
    expect(windowAt(4_802_400, settings)).toEqual({ start: 4_802_400, end: 4_805_280, readyAt: 4_806_195 });
    expect(windowAt(4_802_400, { range: 2880, finality: 900, margin: 5 }).readyAt).toBe(4_806_185);
  });

  it("windows follow each other without gaps or overlaps of their nominal ranges", () => {
    const plan = planWindows(0, 1_000_000, settings, 50);
    for (let i = 1; i < plan.ready.length; i++) expect(plan.ready[i]!.start).toBe(plan.ready[i - 1]!.end);
  });
});
