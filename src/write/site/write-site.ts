import type { BoardModel } from '../../model/board-model.js';
import { clockTime, longDate } from '../../model/dates.js';
import type { Meeting } from '../../model/meeting.js';
import { presenterLine } from '../../model/presenter-line.js';
import { minutesHtml } from '../../render/generated/minutes-paper.js';
import type { Renderer } from '../../render/renderer.js';
import { findTemplateFile, templateDirs } from '../../load/template-files.js';
import { meetingsCalendar } from '../calendar.js';
import { openData } from '../open-data.js';
import type { StagedOutput } from '../staged-output.js';
import { collectMeeting, type DocumentText } from './collect.js';
import { miniSearchBrowserScript, searchIndexScript, type SearchEntry } from './search-index.js';
import { meetingFolder, SITE_DIR, type SiteMeeting } from './site-data.js';
import { htmlText } from './text.js';
import { href, indexView, meetingPageView } from './views.js';

export interface SiteContext {
  model: BoardModel;
  renderer: Renderer;
  output: StagedOutput;
  /** Ids of the meetings built in this run; the others' files are taken from the output folder. */
  built: Iterable<string>;
  /** YYYY-MM-DD: splits upcoming from past meetings. */
  today: string;
  /** DTSTAMP of calendar events. */
  stamp: (meeting: Meeting) => Date;
  warn: (message: string) => void;
}

/**
 * Writes out/site: a page per meeting, the index of meetings, search, the calendar and open data,
 * with copies of every public agenda, pack and paper, through the build's staged output (so a
 * failed build changes nothing). Links are relative, so it works from file: and any web server.
 */
export async function writeSite(ctx: SiteContext): Promise<void> {
  const { model, renderer, output } = ctx;
  const pageCss = (await findTemplateFile('site/site.css', templateDirs(model.dir)))?.text ?? '';
  const write = (path: string, data: string | Uint8Array) => output.write(`${SITE_DIR}/${path}`, data);
  const built = new Set(ctx.built);
  const meetings: SiteMeeting[] = [];
  const texts: { meeting: Meeting; doc: DocumentText }[] = [];

  for (const meeting of model.meetings) {
    const collected = await collectMeeting({ model, output, built, warn: ctx.warn }, meeting);
    const site: SiteMeeting = { ...collected.site };
    // The public view: an exempt minute shows its number, title and exemption, nothing more.
    const record = model.minutes.get(meeting.id);
    if (record) {
      if (record.audience !== 'public') throw new Error(`the minutes of ${meeting.id} for the website are not the public view`);
      const rendered = await minutesHtml({ model, meeting, renderer }, record);
      rendered.warnings.forEach((w) => ctx.warn(`minutes of ${meeting.id}: ${w}`));
      const path = `${meetingFolder(meeting)}/minutes.html`;
      const date = longDate(meeting.date, model.board.dateStyle);
      const page = await renderer.renderSitePage('document', {
        lang: 'en-GB',
        title: `Minutes: ${model.board.name}, ${date}`,
        council: model.board.council,
        boardName: model.board.name,
        root: href(path, 'index.html').replace(/index\.html$/, ''),
        meetingHref: href(path, site.page),
        date,
        heading: `Minutes of the meeting held on ${date}`,
        html: rendered.html,
        pageCss,
      });
      await write(path, page);
      site.minutes = { record, html: { path, mediaType: 'text/html', bytes: Buffer.byteLength(page) } };
      texts.push({ meeting, doc: { title: `Minutes of the meeting held on ${date}`, kind: 'minutes', path, text: htmlText(rendered.html) } });
    }
    texts.push({ meeting, doc: { title: `Agenda: ${model.board.name}, ${longDate(meeting.date, model.board.dateStyle)}`, kind: 'agenda', path: site.page, text: agendaText(meeting) } });
    texts.push(...collected.texts.map((doc) => ({ meeting, doc })));
    meetings.push(site);
  }

  const siteBoard = { board: model.board, meetings, today: ctx.today };
  for (const [index, site] of meetings.entries()) {
    await write(site.page, await renderer.renderSitePage('meeting', { ...meetingPageView(siteBoard, index), pageCss }));
  }
  await write('index.html', await renderer.renderSitePage('index', { ...indexView(siteBoard), pageCss }));
  await write(
    'search.html',
    await renderer.renderSitePage('search', { lang: 'en-GB', title: `Search: ${model.board.name}`, council: model.board.council, boardName: model.board.name, root: '', pageCss }),
  );
  await write('search-index.js', searchIndexScript(searchEntries(model, meetings, texts)));
  await write('assets/minisearch.js', await miniSearchBrowserScript());
  const searchScript = await findTemplateFile('site/search.js', templateDirs(model.dir));
  if (!searchScript) throw new Error('templates/site/search.js is missing');
  await write('assets/search.js', searchScript.text);
  await write('meetings.ics', meetingsCalendar({ board: model.board, meetings: model.meetings, stamp: ctx.stamp }));
  await write('meetings.json', `${JSON.stringify(openData(model.board, meetings), null, 2)}\n`);
}

function searchEntries(model: BoardModel, meetings: SiteMeeting[], texts: { meeting: Meeting; doc: DocumentText }[]): SearchEntry[] {
  const pageOf = new Map(meetings.map((m) => [m.meeting.id, m.page]));
  const kinds = { agenda: 'Agenda', minutes: 'Minutes', paper: 'Paper' } as const;
  return texts.map(({ meeting, doc }, id) => ({
    id,
    title: doc.title,
    text: doc.text,
    url: doc.path,
    meetingUrl: pageOf.get(meeting.id) ?? 'index.html',
    meeting: longDate(meeting.date, model.board.dateStyle),
    kind: doc.path.endsWith('.pdf') ? `${kinds[doc.kind]} (PDF)` : kinds[doc.kind],
  }));
}

/** What the public agenda says, as words to search: exempt items by title and reason only. */
function agendaText(meeting: Meeting): string {
  return [
    `${clockTime(meeting.time)} ${meeting.venue}`,
    ...meeting.notices,
    ...meeting.items.flatMap((item) => [
      `${item.number}. ${item.title}`,
      item.presenter ? presenterLine(item.presenter) : '',
      item.purpose ?? '',
      item.exempt ? `Exempt: ${item.exempt.reason}` : '',
    ]),
  ]
    .filter(Boolean)
    .join(' ');
}
