/** What a secret value is replaced with, in log lines and in stored run data alike. */
export const REDACTED = "[redacted]";

/** Shorter values would garble every text they happen to occur in (and guessing them is easy anyway). */
const MIN_SECRET_LENGTH = 6;

/**
 * The secrets of a configuration, to hide by value wherever they turn up: the model API key, the
 * password of the database URL (as written in the URL and decoded), and any other token a setting
 * holds. A new secret setting is added here, and so reaches the logger and the run store alike.
 *
 * @example
 * secretValues({ apiKey: "sk-ant-…", databaseUrl: "postgresql://app:p%40ss@db/app" });
 * // ["sk-ant-…", "p%40ss", "p@ss"]
 */
export function secretValues(config: {
  apiKey?: string;
  databaseUrl?: string;
  tokens?: readonly (string | undefined)[];
}): string[] {
  const values = [config.apiKey, ...(config.tokens ?? [])];
  try {
    const password = config.databaseUrl ? new URL(config.databaseUrl).password : "";
    if (password) values.push(password, decodeURIComponent(password));
  } catch {
    // not a URL: nothing to take from it
  }
  return values.filter((value): value is string => !!value);
}

/** Replaces secret values in text and in JSON-like values; both are identities when there are no secrets. */
export interface SecretRedactor {
  /** True when some secret is long enough to be replaced. */
  readonly active: boolean;
  /** `text` with each secret, raw or as JSON escapes it (a JSON document quoted in a message), replaced. */
  text(text: string): string;
  /** A copy of `value` with every string in it (object keys too) passed through `text`; other values kept. */
  value<T>(value: T): T;
}

/**
 * The one redaction of secret values: the logger applies `text` to each finished line, the run store
 * `value` to every event it commits (so step errors, traces, run errors and event payloads).
 *
 * @example
 * const redact = secretRedactor(secretValues({ apiKey }));
 * redact.text(`401: invalid x-api-key ${apiKey}`); // "401: invalid x-api-key [redacted]"
 */
export function secretRedactor(secrets: readonly (string | undefined)[]): SecretRedactor {
  const forms = new Set<string>();
  for (const secret of secrets) {
    if (!secret || secret.length < MIN_SECRET_LENGTH) continue;
    forms.add(secret);
    forms.add(JSON.stringify(secret).slice(1, -1));
  }
  // Longest first: a secret that contains another is replaced whole.
  const ordered = [...forms].sort((a, b) => b.length - a.length);
  const text = (input: string) => {
    let out = input;
    for (const form of ordered) if (out.includes(form)) out = out.split(form).join(REDACTED);
    return out;
  };
  const value = (input: unknown): unknown => {
    if (typeof input === "string") return text(input);
    if (Array.isArray(input)) return input.map(value);
    if (!isPlainObject(input)) return input;
    return Object.fromEntries(Object.entries(input).map(([key, v]) => [text(key), value(v)]));
  };
  if (ordered.length === 0) return { active: false, text: (input) => input, value: (input) => input };
  return { active: true, text, value: <T>(input: T) => value(input) as T };
}

/** Objects as JSON has them; a Date or a class instance is kept as it is. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== "object" || value === null) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
