/**
 * A D1 bookmark as D1 makes them: four dash-separated hex fields, the last
 * a hash (`00000085-0000024c-00004c6d-8e61…`).
 */
export const BOOKMARK = /^[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{32,64}$/;

/** Whether `value` has the shape of a D1 bookmark (locally D1 accepts any string, so it is checked before D1 sees it). */
export function isBookmark(value: string): boolean {
  return BOOKMARK.test(value);
}
