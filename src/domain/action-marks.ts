/**
 * Where a minute's discussion marks an action, "[action: hertfordshire-model]": boards that print
 * actions inline put "(Action: owner)" there. Shared by validate (each mark names an action of
 * its minute) and model (which replaces or removes the marks).
 */
const MARK = /[ \t]?\[action:\s*([^\]\s]+)\s*\]/g;

/** The action ids a discussion marks, in order. */
export function markedActions(discussion: string): string[] {
  return [...discussion.matchAll(MARK)].map((m) => m[1]!);
}

/** The discussion with each mark replaced by what `text` gives for its id (a leading space kept when it gives something). */
export function replaceMarks(discussion: string, text: (id: string) => string): string {
  return discussion.replace(MARK, (whole: string, id: string) => {
    const replacement = text(id);
    return replacement === '' ? '' : `${whole.startsWith(' ') || whole.startsWith('\t') ? ' ' : ''}${replacement}`;
  });
}
