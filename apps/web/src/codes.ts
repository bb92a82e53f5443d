/**
 * The API's codes (statuses, roles, tiers, parts…) as the console compares them. Their lists and
 * Vietnamese names are the API's own pure `*.enums.ts` files, imported through `@shared/…` (TypeScript
 * string enums); the generated document types the same codes as string-literal unions (./api/models.ts).
 * An enum member is assignable to the document's literal of the same text, so a member the document
 * does not know fails to compile wherever it is passed as one; a text is never assignable to the enum,
 * and `===` across the two types is what no-unsafe-enum-comparison refuses. These compare in the
 * document's terms, each member checked by the compiler to be one of the code's.
 */

/** `code === member` (`is(venue.status, VenueStatus.Held)`); the member must be one of the code's type. */
export const is = <T extends string>(code: T, member: NoInfer<T>): boolean => code === member;

/** Whether the code is one of the members (`isOneOf(venue.status, LIVE_VENUE_STATUSES)`). */
export const isOneOf = <T extends string>(code: T, members: readonly NoInfer<T>[]): boolean => members.includes(code);

/** The member a text names (a select's value, the address), or undefined when it names none. */
export const codeIn = <T extends string>(members: readonly T[], text: string | null | undefined): T | undefined => members.find((member) => member === text);
