import { parseFeed } from '@rowanmanning/feed-parser';
import { describe, expect, it } from 'vitest';
import { nameUuid, type Feed } from '../../src/model/site/feed-entries.js';
import { atomFeed } from '../../src/write/site/atom-feed.js';

describe('the Atom feed file', () => {
  const hostile = 'Children & Young People <Board> "A"\u0007';
  const feed: Feed = {
    id: nameUuid('a board'),
    title: `${hostile}: agendas`,
    author: 'Council & Co',
    updated: new Date('2020-01-30T00:00:00Z'),
    entries: [
      {
        id: nameUuid('an entry'),
        kind: 'agenda',
        title: `Agenda and papers: ${hostile}`,
        updated: new Date('2020-01-30T00:00:00Z'),
        page: 'meetings/2020-01-30/index.html?a=1&b=2',
        file: { path: 'meetings/2020-01-30/pack.pdf', mediaType: 'application/pdf', bytes: 1234, pages: 3 },
        summary: 'x < y',
      },
    ],
  };

  it('keeps any title a board may have readable by a feed parser, dropping what XML cannot hold', () => {
    const parsed = parseFeed(atomFeed(feed));
    expect(parsed.title).toBe('Children & Young People <Board> "A": agendas');
    expect(parsed.authors[0]?.name).toBe('Council & Co');
    const [entry] = parsed.items;
    expect(entry?.title).toBe('Agenda and papers: Children & Young People <Board> "A"');
    expect(entry?.url).toBe('meetings/2020-01-30/index.html?a=1&b=2');
    expect(entry?.description).toBe('x < y');
    expect(entry?.media.map((m) => [m.url, m.length])).toEqual([['meetings/2020-01-30/pack.pdf', 1234]]);
    expect(entry?.updated?.toISOString()).toBe('2020-01-30T00:00:00.000Z');
  });

  it('makes ids from names alone: the same name always gives the same version-5 UUID, another name another', () => {
    expect(nameUuid('a board')).toBe(nameUuid('a board'));
    expect(nameUuid('a board')).not.toBe(nameUuid('a board '));
    expect(nameUuid('a board')).toMatch(/^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
