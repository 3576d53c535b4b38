import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { PDFDocument } from '../../pdf-lib.js';
import { pdfWords } from './pdf-words.js';
import { fold } from './search-text.js';

/**
 * The worker's code. pdf.js reads a supplied PDF's words in a thread of its own: it is the
 * longest CPU work of a meeting of supplied PDFs, and on the build's own thread it held up the
 * putting together of the packs. Given as source (not a file) so the same code runs from the
 * compiled CLI and from the tests' TypeScript.
 */
const WORKER_SOURCE = `
(async () => {
  // Only dynamic imports: the source runs as a script or as a module, as Node's flags decide.
  const { parentPort, workerData } = await import('node:worker_threads');
  const { getDocument } = await import(workerData.pdfjs);
  // One document at a time: pdf.js reading two at once in one thread mixes up their pages.
  let queue = Promise.resolve();
  parentPort.on('message', (request) => (queue = queue.then(() => read(request))));
  async function read({ id, bytes }) {
    try {
      const doc = await getDocument({ data: bytes, isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
      try {
        const pages = [];
        for (let n = 1; n <= doc.numPages; n++) {
          const content = await (await doc.getPage(n)).getTextContent();
          pages.push(content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? ' ' : '') : '')).join(''));
        }
        parentPort.postMessage({ id, text: pages.join(' '), pages: doc.numPages });
      } finally {
        await doc.destroy();
      }
    } catch (error) {
      parentPort.postMessage({ id, error: String((error && error.message) || error) });
    }
  }
})();
`;

interface Reply {
  id: number;
  text?: string;
  pages?: number;
  error?: string;
}

type Waiting = { resolve: (value: { text: string; pages: number }) => void; reject: (error: Error) => void };

/** One worker and the reads it has been given. */
interface Reader {
  worker: Worker;
  waiting: Map<number, Waiting>;
}

/** Two readers where there are two cores: two PDFs are read side by side, each reader one at a time. */
const READERS = Math.max(1, Math.min(2, availableParallelism()));
const readers: Reader[] = [];
let nextId = 0;

function startReader(): Reader {
  const pdfjs = pathToFileURL(createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.mjs')).href;
  const reader: Reader = { worker: new Worker(WORKER_SOURCE, { eval: true, workerData: { pdfjs } }), waiting: new Map() };
  reader.worker.on('message', (reply: Reply) => {
    const wait = reader.waiting.get(reply.id);
    if (!wait) return;
    reader.waiting.delete(reply.id);
    if (reader.waiting.size === 0) reader.worker.unref();
    if (reply.error !== undefined) wait.reject(new Error(reply.error));
    else wait.resolve({ text: fold(reply.text ?? ''), pages: reply.pages ?? 0 });
  });
  const fail = (error: Error) => {
    const at = readers.indexOf(reader);
    if (at >= 0) readers.splice(at, 1);
    for (const wait of reader.waiting.values()) wait.reject(error);
    reader.waiting.clear();
  };
  reader.worker.on('error', fail);
  reader.worker.on('exit', (code) => fail(new Error(`the PDF text reader stopped (exit code ${code})`)));
  readers.push(reader);
  return reader;
}

/** The reader with the least to do, started if there is room for one more. */
function leastBusy(): Reader {
  const idle = readers.find((r) => r.waiting.size === 0);
  if (idle) return idle;
  if (readers.length < READERS) return startReader();
  return readers.reduce((a, b) => (b.waiting.size < a.waiting.size ? b : a));
}

/**
 * The text of every page of a PDF, read with pdf.js in a worker thread (started on first use,
 * and not holding the process open while it has nothing to read).
 */
export function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  const reader = leastBusy();
  const id = nextId++;
  const result = new Promise<{ text: string; pages: number }>((resolve, reject) => reader.waiting.set(id, { resolve, reject }));
  reader.worker.ref();
  // A copy of its own is sent (and handed over): pdf.js takes ownership of the buffer it is given,
  // and a Buffer's slice() would share the caller's memory (often a pool of other Buffers).
  const copy = new Uint8Array(bytes);
  reader.worker.postMessage({ id, bytes: copy }, [copy.buffer]);
  return result;
}

/**
 * The words of a supplied PDF for the site's search, from the document parsed when it was
 * sanitised: read by pdfWords (a tenth of pdf.js's time) when `now()` is called, which must be
 * before the document is handed on to a pack (an insert may change it). A PDF pdfWords cannot
 * read is given to pdf.js in a worker; one neither can read has no words.
 */
export function suppliedWords(doc: PDFDocument, bytes: Uint8Array): { words: Promise<string | undefined>; now(): void } {
  let done = false;
  let settle: (words: Promise<string | undefined>) => void = () => undefined;
  const words = new Promise<string | undefined>((resolve) => (settle = resolve));
  const now = () => {
    if (done) return;
    done = true;
    try {
      settle(Promise.resolve(fold(pdfWords(doc).text)));
    } catch {
      settle(pdfText(bytes).then(
        (read) => read.text,
        () => undefined,
      ));
    }
  };
  return { words, now };
}

/**
 * Runs each of `reads` in a turn of the event loop of its own, so that what the build is waiting
 * for (the browser's answers) is taken in between.
 */
export function readInTurns(reads: (() => void)[]): void {
  const next = () => {
    const read = reads.shift();
    if (!read) return;
    read();
    setImmediate(next);
  };
  setImmediate(next);
}
