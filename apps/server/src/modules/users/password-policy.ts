import type { FieldError } from '@kalendaryo/contract';
import { AppError } from '@kalendaryo/domain';

/**
 * The password rule (ASVS V2.1): 10 to 200 printable characters (the contract's `passwordSchema`)
 * and a zxcvbn score of at least 3 — an estimated 10^8 guesses or more — counting the user's own
 * email address and name, and the name of this product, as words an attacker tries first.
 * zxcvbn's dictionaries hold the common and breached passwords (`1234567890`, `password1234`), so
 * those score 0–1 and are refused by the same rule. Length alone is not enough: ten spaces are ten
 * characters.
 */
export const MIN_PASSWORD_SCORE = 3;

/** Words of this deployment that belong in no password. */
const CONTEXT_WORDS = ['kalendaryo'];

interface Verdict {
  score: number;
  warning: string | null;
  suggestions: string[];
}

type Checker = (password: string, userInputs: string[]) => Verdict;

let checker: Promise<Checker> | undefined;

/** Loads the dictionaries on first use only (about 0.2 s), then keeps them for every later check. */
function loadChecker(): Promise<Checker> {
  checker ??= (async () => {
    const [{ ZxcvbnFactory }, common, en] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
      import('@zxcvbn-ts/language-en'),
    ]);
    const zxcvbn = new ZxcvbnFactory({
      dictionary: { ...common.dictionary, ...en.dictionary },
      graphs: common.adjacencyGraphs,
      translations: en.translations,
      // Matching time grows steeply with length and with l33t look-alikes: judging the first 64
      // characters with at most 10 substitutions keeps the worst case near 0.1 s, and a password
      // whose first 64 characters are strong is strong.
      maxLength: 64,
      l33tMaxSubstitutions: 10,
    });
    return (password, userInputs) => {
      const r = zxcvbn.check(password, userInputs);
      return { score: r.score, warning: r.feedback.warning, suggestions: r.feedback.suggestions };
    };
  })();
  checker.catch(() => {
    checker = undefined;
  });
  return checker;
}

/** The words of a user's email address and name, whole and split, as zxcvbn's user inputs. */
export function personalWords(who: { email?: string | undefined; name?: string | undefined }): string[] {
  const words = new Set<string>(CONTEXT_WORDS);
  const add = (w: string) => {
    const t = w.trim().toLowerCase();
    if (t.length >= 3) words.add(t);
  };
  if (who.email) {
    const [local = '', domain = ''] = who.email.split('@');
    add(who.email);
    add(local);
    for (const part of `${local}.${domain}`.split(/[._+-]+/)) add(part);
  }
  if (who.name) {
    add(who.name);
    add(who.name.replace(/\s+/g, ''));
    for (const part of who.name.split(/[\s.,'-]+/u)) add(part);
  }
  return [...words];
}

/** How strong `password` is for this user: the zxcvbn score (0–4) and its advice. */
export async function ratePassword(
  password: string,
  who: { email?: string | undefined; name?: string | undefined },
): Promise<Verdict> {
  return (await loadChecker())(password, personalWords(who));
}

/**
 * Refuses a new password that is too easy to guess with 422 `auth.weak_password`, naming `field`
 * and saying why (a common password, a keyboard pattern, the user's own name…).
 */
export async function assertStrongPassword(
  password: string,
  who: { email?: string | undefined; name?: string | undefined },
  field = 'password',
): Promise<void> {
  const verdict = await ratePassword(password, who);
  if (verdict.score >= MIN_PASSWORD_SCORE) return;
  const advice = [
    verdict.warning ?? 'This password is too easy to guess.',
    ...(verdict.suggestions.length
      ? verdict.suggestions
      : ['Add another word or two that are not about you or this office.']),
  ].join(' ');
  const error: FieldError = { field, message: advice, code: 'auth.weak_password' };
  throw new AppError(
    'auth.weak_password',
    `Choose a stronger password: ${advice} A phrase of three or four unrelated words works well.`,
    [error],
  );
}
