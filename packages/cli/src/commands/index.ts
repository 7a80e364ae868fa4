import type { CommandGroup } from "../command";
import { storeCommand } from "./store";

/** Every command group, in the order `chainops --help` lists them. Add a new group here. */
export const commandGroups: CommandGroup[] = [
  storeCommand,
];
