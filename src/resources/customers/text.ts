import { Email, nameText } from "../../shared/text";

/**
 * Every free-text field of the customer schemas: a name under the shared
 * text rule (trimmed, one line, a visible character; docs/input-rules.md).
 */
export const text = (max: number) => nameText(max);

/** An email address (a contact's, or the list's email filter). */
export const emailAddress = () => Email;
