import { lstat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

// Apart from council-folder.ts so that `cpb build BOARD` can tell a board from a council without
// loading the council's reader (and through it the board's).

export const COUNCIL_FILE = 'council.yaml';

/** Whether `dir` is a council folder: it holds council.yaml. A board folder never does. */
export async function isCouncilFolder(dir: string): Promise<boolean> {
  return (await lstat(join(resolve(dir), COUNCIL_FILE)).catch(() => undefined)) !== undefined;
}
