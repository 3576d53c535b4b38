import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
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
  parentPort.on('message', async ({ id, bytes }) => {
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
  });
})();
`;

interface Reply {
  id: number;
  text?: string;
  pages?: number;
  error?: string;
}

type Waiting = { resolve: (value: { text: string; pages: number }) => void; reject: (error: Error) => void };

let worker: Worker | undefined;
const waiting = new Map<number, Waiting>();
let nextId = 0;

function started(): Worker {
  if (worker) return worker;
  const pdfjs = pathToFileURL(createRequire(import.meta.url).resolve('pdfjs-dist/legacy/build/pdf.mjs')).href;
  const made = new Worker(WORKER_SOURCE, { eval: true, workerData: { pdfjs } });
  made.on('message', (reply: Reply) => {
    const wait = waiting.get(reply.id);
    if (!wait) return;
    waiting.delete(reply.id);
    if (waiting.size === 0) made.unref();
    if (reply.error !== undefined) wait.reject(new Error(reply.error));
    else wait.resolve({ text: fold(reply.text ?? ''), pages: reply.pages ?? 0 });
  });
  const fail = (error: Error) => {
    if (worker === made) worker = undefined;
    for (const wait of waiting.values()) wait.reject(error);
    waiting.clear();
  };
  made.on('error', fail);
  made.on('exit', (code) => fail(new Error(`the PDF text reader stopped (exit code ${code})`)));
  worker = made;
  return made;
}

/**
 * The text of every page of a PDF, read with pdf.js in a worker thread (started on first use,
 * and not holding the process open while it has nothing to read).
 */
export function pdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  const reader = started();
  const id = nextId++;
  const result = new Promise<{ text: string; pages: number }>((resolve, reject) => waiting.set(id, { resolve, reject }));
  reader.ref();
  // A copy of its own is sent (and handed over): pdf.js takes ownership of the buffer it is given,
  // and a Buffer's slice() would share the caller's memory (often a pool of other Buffers).
  const copy = new Uint8Array(bytes);
  reader.postMessage({ id, bytes: copy }, [copy.buffer]);
  return result;
}
