/** What a letter names of an edition. */
export interface EditionLetterFacts {
  year: number;
  theme: string;
}

/**
 * Editions as letters name them, a named read model (only this library names the `editions` table): a
 * SQL relation — a parenthesised SELECT to put after FROM or JOIN with an alias — with the columns `id`,
 * `year` (int) and `theme` (text). Invitations join it to the invitation they compose, for every e-mail
 * sent (the worker), preview, RSVP page and feed entry, in the one statement that reads the letter.
 */
export const EDITION_LETTER_FACTS = `(SELECT edition.id, edition.year, edition.theme FROM editions edition)`;
