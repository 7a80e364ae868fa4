import type { CommandGroup } from "../command";

/** Every command group, in the order `chainops --help` lists them. Add a new group here. */
export const commandGroups: CommandGroup[] = [];
