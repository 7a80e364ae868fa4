import type { CommandGroup } from "../command";
import { storeCommand } from "./store";
import { canaryCommand } from "./canary";
import { filecoinCommand } from "./filecoin";
import { shotsCommand } from "./shots";
import { networkCommand } from "./network";

/** Every command group, in the order `chainops --help` lists them. Add a new group here. */
export const commandGroups: CommandGroup[] = [
  storeCommand,
  canaryCommand,
  filecoinCommand,
  shotsCommand,
  networkCommand,
];
