/**
 * Export windows: [start, start + range], one after the other without gaps. A window can be
 * exported once its end is final: head ≥ start + range + finality + margin.
 */
export interface WindowSettings {
  range: number;
  finality: number;
  margin: number;
}

export interface ExportWindow {
  start: number;
  /** start + range: the window's nominal end. */
  end: number;
  /** The head epoch from which this window is exportable. */
  readyAt: number;
}

/** Lotus exports this many extra epochs past the window end, so consecutive snapshots overlap (as Filcryo does). */
export const OVERLAP_EPOCHS = 10;

export function windowAt(start: number, settings: WindowSettings): ExportWindow {
  const end = start + settings.range;
  return { start, end, readyAt: end + settings.finality + settings.margin };
}

/**
 * Where the next window starts: after the newest published one, or at startEpoch on an empty
 * bucket. undefined when the bucket is empty and no start epoch was given.
 */
export function nextWindowStart(newestPublishedStart: number | undefined, range: number, startEpoch: number | undefined): number | undefined {
  if (newestPublishedStart !== undefined) return newestPublishedStart + range;
  return startEpoch;
}

/** The windows to export now, oldest first, at most maxExports; plus the first one that is not ready yet. */
export function planWindows(firstStart: number, head: number, settings: WindowSettings, maxExports: number): { ready: ExportWindow[]; next: ExportWindow } {
  const ready: ExportWindow[] = [];
  let window = windowAt(firstStart, settings);
  while (window.readyAt <= head && ready.length < maxExports) {
    ready.push(window);
    window = windowAt(window.start + settings.range, settings);
  }
  return { ready, next: window };
}
