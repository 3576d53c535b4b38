import { chmod, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * A browser that answers every DevTools request on its pipe but never opens a page: the browser
 * library's launch then waits for a first page that never comes, the moment between "started" and
 * "ready" that a signal can fall in.
 */
export async function browserThatNeverOpensAPage(tmp: string): Promise<{ path: string; log: string }> {
  const path = join(tmp, 'silent-browser.cjs');
  const log = join(tmp, 'starts.log');
  await writeFile(
    path,
    `#!${process.execPath}
const fs = require('node:fs');
fs.appendFileSync(${JSON.stringify(log)}, 'started\\n');
const out = fs.createWriteStream(null, { fd: 4 });
let buffered = '';
fs.createReadStream(null, { fd: 3 }).on('data', (chunk) => {
  buffered += chunk;
  for (let end = buffered.indexOf('\\0'); end >= 0; end = buffered.indexOf('\\0')) {
    const request = JSON.parse(buffered.slice(0, end));
    buffered = buffered.slice(end + 1);
    const result = request.method === 'Target.getBrowserContexts' ? { browserContextIds: [] } : {};
    out.write(JSON.stringify({ id: request.id, sessionId: request.sessionId, result }) + '\\0');
  }
});
`,
  );
  await chmod(path, 0o755);
  return { path, log };
}
