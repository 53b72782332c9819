/**
 * A person's own account: the profile readers see (display name, bio, avatar, time zone), the
 * languages they translate, their password and their sessions. Every problem names its field.
 */
import { z } from 'zod';
import { ValidationError } from '../../domain/errors.js';
import type { FieldProblem } from '../../domain/errors.js';
import { canonicalLanguageTag } from '../../domain/language.js';
import type { Actor } from '../../domain/roles.js';
import { isTimeZone } from '../../domain/user.js';
import { sessionHash, signUpInput } from '../auth/auth.service.js';
import type { ServiceDeps } from '../deps.js';
import { userKey } from '../change-feed.js';
import { mediaUrl } from '../media/media-info.js';
import type { UserRecord } from '../repositories.js';
import { parseInput } from '../validate.js';
import { UnauthenticatedError } from '../../domain/errors.js';

/** How many of a person's most recent uploads the avatar choice looks through. */
const AVATAR_CHOICES = 200;

export interface AvatarChoice {
  id: string;
  url: string;
  filename: string;
  alt: string;
}

export interface AccountView {
  user: UserRecord;
  translateLanguages: string[];
  /** Images the person uploaded, newest first (the avatar is chosen among them). */
  avatars: AvatarChoice[];
  avatarUrl: string | null;
}

async function userOf(deps: ServiceDeps, actor: Actor): Promise<UserRecord> {
  const user = await deps.store.users.findById(actor.id);
  if (!user) throw new UnauthenticatedError();
  return user;
}

/** What the account page shows. @throws UnauthenticatedError when the account is gone. */
export async function loadAccount(deps: ServiceDeps, actor: Actor): Promise<AccountView> {
  const user = await userOf(deps, actor);
  const [translateLanguages, media] = await Promise.all([
    deps.store.users.translateLanguages(actor.id),
    deps.store.media.list(AVATAR_CHOICES * 5, 0),
  ]);
  const avatars = media
    .filter((m) => m.kind === 'image' && m.uploadedBy === actor.id)
    .slice(0, AVATAR_CHOICES)
    .map((m) => {
      const small = [...m.variants].sort((a, b) => a.width - b.width)[0];
      return {
        id: m.id,
        url: mediaUrl(small?.key ?? m.storageKey),
        filename: m.filename,
        alt: m.alt,
      };
    });
  const current = user.avatarMediaId ? await deps.store.media.findById(user.avatarMediaId) : null;
  const small = current ? [...current.variants].sort((a, b) => a.width - b.width)[0] : undefined;
  return {
    user,
    translateLanguages,
    avatars,
    avatarUrl: current ? mediaUrl(small?.key ?? current.storageKey) : null,
  };
}

const profileInput = z.object({
  displayName: z
    .string()
    .trim()
    .min(1, 'Display name is required')
    .max(100, 'Display name is too long (100 characters at most)'),
  bio: z.string().trim().max(2000, 'Bio is too long (2000 characters at most)'),
  timeZone: z.string().trim(),
  avatarMediaId: z.string().trim(),
  languages: z.array(z.string()).max(50, 'At most 50 languages'),
});

/**
 * Saves the profile. The avatar must be an image the person uploaded; languages are BCP 47
 * tags. @throws ValidationError naming `displayName`, `bio`, `timeZone`, `avatarMediaId` or
 * `languages`.
 */
export async function updateProfile(
  deps: ServiceDeps,
  actor: Actor,
  raw: z.input<typeof profileInput>,
): Promise<void> {
  // Every problem at once, each naming its field: the schema's and the checks below.
  const problems: FieldProblem[] = [];
  let input: z.output<typeof profileInput>;
  try {
    input = parseInput(profileInput, raw);
  } catch (error) {
    if (!(error instanceof ValidationError)) throw error;
    problems.push(...error.problems);
    input = {
      displayName: typeof raw.displayName === 'string' ? raw.displayName.trim() : '',
      bio: '',
      timeZone: typeof raw.timeZone === 'string' ? raw.timeZone.trim() : '',
      avatarMediaId: typeof raw.avatarMediaId === 'string' ? raw.avatarMediaId.trim() : '',
      languages: Array.isArray(raw.languages) ? raw.languages.map(String) : [],
    };
  }
  if (!isTimeZone(input.timeZone) || input.timeZone === '')
    problems.push({ field: 'timeZone', message: `Unknown time zone "${input.timeZone}"` });
  let avatarMediaId: string | null = null;
  if (input.avatarMediaId !== '') {
    const media = await deps.store.media.findById(input.avatarMediaId);
    if (!media || media.kind !== 'image' || media.uploadedBy !== actor.id)
      problems.push({
        field: 'avatarMediaId',
        message: 'Choose one of the images you uploaded',
      });
    else avatarMediaId = media.id;
  }
  const languages: string[] = [];
  for (const tag of input.languages) {
    if (tag.trim() === '') continue;
    const canonical = canonicalLanguageTag(tag);
    if (!canonical) {
      problems.push({ field: 'languages', message: `"${tag}" is not a valid language tag` });
      break;
    }
    if (!languages.includes(canonical)) languages.push(canonical);
  }
  if (problems.length > 0) throw new ValidationError(problems);
  await deps.store.transaction(async (store) => {
    await store.users.updateProfile(actor.id, {
      displayName: input.displayName.normalize('NFC'),
      bio: input.bio,
      timeZone: input.timeZone,
      avatarMediaId,
    });
    await store.users.setTranslateLanguages(actor.id, languages.sort());
  });
  // Bylines show the display name and bio: the author's archive and their posts' pages (and
  // the listings showing those); translation credits and comment threads carry userKey.
  const posts = await deps.store.posts.listForAuthor(actor.id);
  deps.changes.publish({
    keys: [`list:author:${actor.id}`, userKey(actor.id), ...posts.map((p) => `post:${p.post.id}`)],
  });
}

/**
 * Changes the password after checking the current one (argon2 via deps.hasher), and ends
 * every other session of the account (the one of `sessionToken` stays).
 * @throws ValidationError on `currentPassword` (wrong), `newPassword` (too short) or
 * `confirmPassword` (different).
 */
export async function changePassword(
  deps: ServiceDeps,
  actor: Actor,
  sessionToken: string,
  raw: { currentPassword: string; newPassword: string; confirmPassword: string },
): Promise<void> {
  const user = await userOf(deps, actor);
  const problems: FieldProblem[] = [];
  const ok = user.passwordHash
    ? await deps.hasher.verify(user.passwordHash, raw.currentPassword)
    : false;
  if (!ok) problems.push({ field: 'currentPassword', message: 'The current password is wrong' });
  const parsed = signUpInput.shape.password.safeParse(raw.newPassword);
  if (!parsed.success)
    problems.push({
      field: 'newPassword',
      message: parsed.error.issues[0]?.message ?? 'Password is not valid',
    });
  else if (raw.confirmPassword !== raw.newPassword)
    problems.push({ field: 'confirmPassword', message: 'The two new passwords differ' });
  if (problems.length > 0) throw new ValidationError(problems);
  const hash = await deps.hasher.hash(raw.newPassword);
  await deps.store.transaction(async (store) => {
    await store.users.setPasswordHash(actor.id, hash);
    await store.sessions.deleteOthersForUser(actor.id, sessionHash(sessionToken));
    await store.sessions.revokePasswordResets(actor.id, deps.clock.now().toISOString());
  });
}

/** Ends every session of the account, this one included. */
export async function signOutEverywhere(deps: ServiceDeps, actor: Actor): Promise<void> {
  await deps.store.sessions.deleteForUser(actor.id);
}
