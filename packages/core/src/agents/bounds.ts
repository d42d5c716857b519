import { z } from "zod";

// Every list and text an agent outputs is bounded: an approval gate lets a person replace any output
// field with an edited value, which is checked against the field's schema, and what passes flows
// into the next steps' prompts. Bounds sit well above what the agents produce.

/** TikTok's hashtag search takes up to 100 characters. */
export const HASHTAG_MAX_LENGTH = 100;
/** Hashtags in one list a person reviews or a campaign targets; a plan with more has no focus. */
export const HASHTAGS_MAX = 30;
/** TikTok captions take up to 4,000 characters: no text a step outputs needs more. */
export const TEXT_MAX_LENGTH = 4000;
/** A name, id, date or formula: one line. */
export const LINE_MAX_LENGTH = 500;
/** Insights, takeaways, reasons: a reader acts on a handful, not on dozens. */
export const FINDINGS_MAX = 10;

/** One line of text: a name, an id, a formula. */
export const lineSchema = z.string().max(LINE_MAX_LENGTH, `must be at most ${LINE_MAX_LENGTH} characters`);

/** Free text: a caption, a title, an insight. */
export const textSchema = z.string().max(TEXT_MAX_LENGTH, `must be at most ${TEXT_MAX_LENGTH} characters`);

/** A list of hashtags, such as the one a gate lets a person edit. */
export const hashtagsSchema = z
  .array(z.string().max(HASHTAG_MAX_LENGTH, `a hashtag must be at most ${HASHTAG_MAX_LENGTH} characters`))
  .max(HASHTAGS_MAX, `at most ${HASHTAGS_MAX} hashtags`);

/** Insights, takeaways or recommendations: at most FINDINGS_MAX texts. */
export const findingsSchema = z.array(textSchema).max(FINDINGS_MAX, `at most ${FINDINGS_MAX} entries`);
