import type { BoardModel } from '../model/board-model.js';
import type { Meeting } from '../model/meeting.js';
import type { PublishedFile } from '../model/site/published.js';
import type { BrowserSession } from '../print/browser-session.js';
import type { Renderer } from '../render/renderer.js';
import type { StagedOutput } from '../write/staged-output.js';
import type { PrintsKept } from './print-once.js';

/** What building one meeting's outputs needs of the build. */
export interface MeetingBuildContext {
  model: BoardModel;
  renderer: Renderer;
  output: StagedOutput;
  /** Absent for --html-only. */
  browser?: BrowserSession;
  /** Creation date written into PDFs (reproducible builds). */
  pdfDate: (meeting: Meeting) => Date;
  progress: (message: string) => void;
  warn: (message: string) => void;
  /** Keeps the HTML of every document printed, by output name (set for the benchmark). */
  keepPrintedHtml?: (name: string, html: string) => Promise<void>;
  /** With a browser: the meeting's PDFs of the last build that can be kept, and what printPdf's output depends on. */
  prints?: PrintsKept;
  /** What the meeting's last build published, and the SHA-256 of each supplied PDF it published. */
  earlier?: { files: readonly PublishedFile[]; supplied: Readonly<Record<string, string>> };
}

/** What the minutes need of it: no output folder (they are handed a `write`), nothing of the last build's words. */
export type MinutesBuildContext = Omit<MeetingBuildContext, 'output' | 'earlier'>;

/** Writes one output of a meeting, with what the site needs to know of it (its pages, its words). */
export type MeetingWrite = (relPath: string, data: string | Uint8Array, facts?: { pages?: number; text?: string }) => Promise<void>;
