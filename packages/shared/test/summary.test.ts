import { describe, expect, it } from "vitest";
import { SummaryReport, markdownText } from "@chainops/shared/summary";

function report(): SummaryReport {
  return new SummaryReport()
    .heading("Snapshot published")
    .keyValues({ Network: "mainnet", Height: 4500000, Verified: true, Size: "3.2 GiB", "SHA-256": { code: "9f86d081884c7d65" } })
    .heading("Artifacts", 3)
    .table(["Key", "Size", "Link"], [
      ["mainnet/4500000.car.zst", "3.2 GiB", { text: "download", href: "https://snapshots.example/mainnet/4500000.car.zst" }],
      ["mainnet/4500000.car.zst.json", "312 B"],
    ])
    .links([{ text: "Workflow run", url: "https://github.com/o/r/actions/runs/42" }]);
}

describe("SummaryReport.toMarkdown", () => {
  it("renders headings, tables, lists and links as GitHub markdown", () => {
    expect(report().toMarkdown()).toBe(
      [
        "## Snapshot published",
        "",
        "| Item | Value |",
        "| --- | --- |",
        "| Network | mainnet |",
        "| Height | 4500000 |",
        "| Verified | true |",
        "| Size | 3.2 GiB |",
        "| SHA-256 | <code>9f86d081884c7d65</code> |",
        "",
        "### Artifacts",
        "",
        "| Key | Size | Link |",
        "| --- | --- | --- |",
        "| mainnet/4500000.car.zst | 3.2 GiB | [download](https://snapshots.example/mainnet/4500000.car.zst) |",
        "| mainnet/4500000.car.zst.json | 312 B |  |",
        "",
        "- [Workflow run](https://github.com/o/r/actions/runs/42)",
        "",
      ].join("\n"),
    );
  });

  it.each([
    ["a|b", "a\\|b"],
    ["<img src=x onerror=alert(1)>", "&lt;img src=x onerror=alert(1)&gt;"],
    ["x & y", "x &amp; y"],
    ["line1\nline2", "line1<br>line2"],
    ["**bold** _it_ `code` [l](u) ~s~ #h", "\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\[l\\](u) \\~s\\~ \\#h"],
    ["back\\slash", "back\\\\slash"],
  ])("escapes user text %j", (text, escaped) => {
    expect(markdownText(text)).toBe(escaped);
    const table = new SummaryReport().keyValues({ k: text }).toMarkdown();
    expect(table.split("\n")[2]).toBe(`| k | ${escaped} |`);
  });

  it("keeps code cells inside their cell whatever they hold", () => {
    const markdown = new SummaryReport().table(["v"], [[{ code: "a|b`c<d>" }]]).toMarkdown();
    expect(markdown.split("\n")[2]).toBe("| <code>a&#124;b`c&lt;d&gt;</code> |");
  });

  it("renders non-http links as text, and percent-encodes characters that would end a link", () => {
    const markdown = new SummaryReport()
      .links([
        { text: "evil", url: "javascript:alert(1)" },
        { text: "spaces", url: "https://x.test/a b)c" },
      ])
      .toMarkdown();
    expect(markdown).toBe("- evil (javascript:alert(1))\n- [spaces](https://x.test/a%20b%29c)\n");
  });

  it("pads short rows and escapes headings; empty report is empty", () => {
    expect(new SummaryReport().table(["a", "b"], [["1"]]).toMarkdown()).toBe("| a | b |\n| --- | --- |\n| 1 |  |\n");
    expect(new SummaryReport().heading("#1 <run>", 1).toMarkdown()).toBe("# \\#1 &lt;run&gt;\n");
    expect(new SummaryReport().toMarkdown()).toBe("");
    expect(new SummaryReport().isEmpty).toBe(true);
  });
});

describe("SummaryReport.toText", () => {
  it("renders aligned plain text for the CLI", () => {
    expect(report().toText()).toBe(
      [
        "Snapshot published",
        "==================",
        "",
        "Item      Value",
        "--------  ----------------",
        "Network   mainnet",
        "Height    4500000",
        "Verified  true",
        "Size      3.2 GiB",
        "SHA-256   9f86d081884c7d65",
        "",
        "Artifacts",
        "---------",
        "",
        "Key                           Size     Link",
        `----------------------------  -------  ${"-".repeat("download: https://snapshots.example/mainnet/4500000.car.zst".length)}`,
        "mainnet/4500000.car.zst       3.2 GiB  download: https://snapshots.example/mainnet/4500000.car.zst",
        "mainnet/4500000.car.zst.json  312 B",
        "",
        "- Workflow run: https://github.com/o/r/actions/runs/42",
        "",
      ].join("\n"),
    );
  });

  it("shows user text as it is (no markdown escaping) on one line per cell", () => {
    expect(new SummaryReport().keyValues({ k: "a|b <c>\nd" }, ["", ""]).toText()).toBe("k  a|b <c> d\n");
  });
});
