import type { Feed } from '../../model/site/feed-entries.js';

/** The feed's file inside the site. */
export const FEED_FILE = 'feed.atom';

/** Atom 1.0 (RFC 4287) of the board's feed. Links are relative to the feed, which sits at the site's root. */
export function atomFeed(feed: Feed): string {
  const lines = [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="en-GB">',
    `  <id>${xml(feed.id)}</id>`,
    `  <title>${xml(feed.title)}</title>`,
    `  <updated>${feed.updated.toISOString()}</updated>`,
    `  <author><name>${xml(feed.author)}</name></author>`,
    `  <link rel="self" type="application/atom+xml" href="${FEED_FILE}"/>`,
    '  <link rel="alternate" type="text/html" href="index.html"/>',
  ];
  for (const entry of feed.entries) {
    lines.push(
      '  <entry>',
      `    <id>${xml(entry.id)}</id>`,
      `    <title>${xml(entry.title)}</title>`,
      `    <updated>${entry.updated.toISOString()}</updated>`,
      `    <link rel="alternate" type="text/html" href="${xml(entry.page)}"/>`,
      ...(entry.file ? [`    <link rel="enclosure" type="${entry.file.mediaType}" length="${entry.file.bytes}" href="${xml(entry.file.path)}"/>`] : []),
      `    <category term="${xml(entry.kind)}"/>`,
      `    <summary>${xml(entry.summary)}</summary>`,
      '  </entry>',
    );
  }
  lines.push('</feed>', '');
  return lines.join('\n');
}

/** Escaped for XML, without the control characters XML 1.0 cannot hold. */
function xml(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
