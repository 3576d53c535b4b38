/**
 * Where a minute's discussion or decisions cite another minute, "[minute: 2019-09-17/4]" (the
 * meeting's date and the minute's number as printed; a space may stand for the slash). cpb prints
 * it in the board's reference format, "minute CPB/19/4"; "[Minute: …]" prints "Minute …".
 * Shared by validate (each mark names a minute there is) and model (which replaces the marks).
 */
const MARK = /\[(minute):\s*([^\]]*?)\s*\]/gi;
const TARGET = /^(\d{4}-\d{2}-\d{2})(?:\s*\/\s*|\s+)(\d+)$/;

export interface MinuteMark {
  /** The mark as written. */
  text: string;
  /** The meeting and minute it names; undefined when it cannot be read as a date and a number. */
  date?: string;
  number?: number;
  /** "[Minute: …]": the citation starts a sentence. */
  capital: boolean;
}

function mark(text: string, word: string, target: string): MinuteMark {
  const found = TARGET.exec(target);
  const capital = word.startsWith('M');
  return found ? { text, date: found[1]!, number: Number(found[2]), capital } : { text, capital };
}

/** The minute marks in a text, in order. */
export function minuteMarks(text: string): MinuteMark[] {
  return [...text.matchAll(MARK)].map((m) => mark(m[0], m[1]!, m[2]!));
}

/** The text with each readable mark replaced by what `cite` gives for it (an unreadable one is left as written). */
export function replaceMinuteMarks(text: string, cite: (mark: Required<MinuteMark>) => string): string {
  return text.replace(MARK, (whole: string, word: string, target: string) => {
    const found = mark(whole, word, target);
    return found.date === undefined ? whole : cite(found as Required<MinuteMark>);
  });
}

/**
 * "minute 62", "Minute CPB/19/12": a minute's reference as running text cites it. A reference
 * that already says "Minute" ("Minute {number}") is not given the word twice; its case follows the mark's.
 */
export function minuteInText(reference: string, capital: boolean): string {
  const word = capital ? 'Minute' : 'minute';
  return /^minute\b/i.test(reference) ? `${word}${reference.slice(word.length)}` : `${word} ${reference}`;
}
