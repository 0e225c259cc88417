import { Email, nameText, text as sharedText } from "../../shared/text";

/**
 * Every free-text field of the customer schemas: a name under the shared
 * text rule (trimmed, one line, a visible character; docs/input-rules.md).
 */
export const text = (max: number) => nameText(max);

/** A custom property's key: a name kept as sent, since trimmed "tier" and "tier " would silently become one. */
export const propertyKey = () => sharedText({ kind: "name", min: 1, max: 100 });

/** An email address (a contact's, or the list's email filter). */
export const emailAddress = () => Email;
