import type { BuiltBoard } from '../../build/council-site.js';
import type { Council } from '../../domain/schema-types/council.js';
import type { RenderFiles } from '../../domain/loaded-files.js';
import type { InputHashes } from '../../load/input-hash.js';
import type { BoardRecord } from '../../write/build-cache.js';

// What build.ts (a rebuild with nothing to do) and build-with.ts (the build that reads the board) both speak of.

/** A board built as one of a council's: the council's theme defaults, and who hears of the board once it is built. */
export interface CouncilOfBoard {
  data: Council;
  /** The council's logo, read from the council folder: a board whose board.yaml names none shows it. */
  logo?: RenderFiles['logo'];
  built: (board: Omit<BuiltBoard, 'folder'>) => void;
}

/** A build of the whole board as it is: its inputs' fingerprints taken before it is read, and its key. */
export interface WholeBoard {
  hashes: InputHashes;
  key: string;
  /** The last build's record, when it was of these very inputs and its outputs are all there. */
  upToDate?: BoardRecord;
}
