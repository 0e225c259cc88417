import { z } from "zod";

/**
 * Every free-text field of the customer schemas goes through here: trimmed,
 * 1 to `max` characters. One definition, so a shared rule for text input
 * replaces it in one edit.
 */
export const text = (max: number) => z.string().trim().min(1).max(max);

/** An email address (a contact's, or the list's email filter). */
export const emailAddress = () => z.email().max(320);
