import type { CommandGroup } from "../command";
import { storeCommand } from "./store";
import { canaryCommand } from "./canary";
import { filecoinCommand } from "./filecoin";
import { shotsCommand } from "./shots";

/** Every command group, in the order `chainops --help` lists them. Add a new group here. */
export const commandGroups: CommandGroup[] = [
  storeCommand,
  canaryCommand,
  filecoinCommand,
  shotsCommand,
];
