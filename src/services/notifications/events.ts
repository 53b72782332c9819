/**
 * Who is told what, for each event of the translation and editorial workflows. Each function
 * runs inside the transaction of the action (its `store`), so a rolled-back action notifies
 * nobody; none tells the actor about their own action (see notify).
 */
import type { Actor } from '../../domain/roles.js';
import { mentionedUsernames } from '../../domain/notifications.js';
import type { NotificationKind } from '../../domain/notifications.js';
import { plainText } from '../../domain/units/index.js';
import type { ServiceDeps } from '../deps.js';
import type {
  PostRecord,
  Store,
  TargetRecord,
  TranslationRecord,
  UnitRecord,
} from '../repositories.js';
import { notify, notifyEach } from './notify.service.js';

type NotifyDeps = Pick<ServiceDeps, 'clock' | 'newId' | 'silent'>;

/** The translation editor's address of a unit (its row's anchor is `unit-<id>`). */
export function unitLink(postId: string, language: string, unitId: string): string {
  return `/translate/${encodeURIComponent(postId)}/${encodeURIComponent(language)}#unit-${encodeURIComponent(unitId)}`;
}

/** The title shown in notices: the title unit's text, plain. */
function titleOf(units: readonly UnitRecord[]): string {
  const unit = units.find((u) => u.kind === 'title');
  return unit ? plainText(unit.source) : '';
}

async function nameOf(store: Store, userId: string | null): Promise<string | undefined> {
  if (!userId) return undefined;
  return (await store.users.findById(userId))?.displayName;
}

/**
 * A reviewer approved a unit or sent it back: its translator is told (with the comment), and
 * each person `@mentioned` in a send-back comment (existing, active; the post is published, so
 * they can see it) is told they were mentioned.
 */
export async function notifyReviewed(
  deps: NotifyDeps,
  store: Store,
  event: {
    actor: Actor;
    post: PostRecord;
    units: readonly UnitRecord[];
    translation: TranslationRecord;
    target: Pick<TargetRecord, 'unitId' | 'translatedBy'>;
    action: 'approve' | 'send_back';
    comment: string | null;
  },
): Promise<void> {
  const { actor, post, translation, target } = event;
  const params = {
    postTitle: titleOf(event.units),
    language: translation.language,
    unitId: target.unitId,
    actorName: await nameOf(store, actor.id),
    ...(event.comment ? { comment: event.comment } : {}),
  };
  const link = unitLink(post.id, translation.language, target.unitId);
  const told = new Set<string>([actor.id]);
  if (target.translatedBy) {
    await notify(deps, store, {
      userId: target.translatedBy,
      kind: event.action === 'approve' ? 'unit_approved' : 'unit_sent_back',
      params,
      link,
      actorId: actor.id,
    });
    told.add(target.translatedBy);
  }
  if (event.action !== 'send_back' || !event.comment) return;
  for (const username of mentionedUsernames(event.comment)) {
    const user = await store.users.findByUsername(username);
    if (!user || told.has(user.id)) continue;
    told.add(user.id);
    await notify(deps, store, {
      userId: user.id,
      kind: 'review_mention',
      params,
      link,
      actorId: actor.id,
    });
  }
}

/** A translation was published: everyone who wrote one of its units is told. */
export async function notifyTranslationPublished(
  deps: NotifyDeps,
  store: Store,
  event: {
    post: PostRecord;
    translation: TranslationRecord;
    units: readonly UnitRecord[];
    targets: readonly TargetRecord[];
    actorId: string | null;
  },
): Promise<void> {
  const { post, translation } = event;
  const titleUnit = event.units.find((u) => u.kind === 'title');
  const titleTarget = titleUnit
    ? event.targets.find((t) => t.translationId === translation.id && t.unitId === titleUnit.unitId)
    : undefined;
  const translators = event.targets
    .filter((t) => t.translationId === translation.id && t.translatedBy)
    .map((t) => t.translatedBy ?? '');
  await notifyEach(deps, store, translators, {
    kind: 'translation_published',
    params: {
      postTitle: titleTarget ? plainText(titleTarget.text) : titleOf(event.units),
      language: translation.language,
      actorName: await nameOf(store, event.actorId),
    },
    link: `/translate/${encodeURIComponent(post.id)}/${encodeURIComponent(translation.language)}`,
    actorId: event.actorId,
  });
}

/**
 * Units of translations of a post became outdated: ONE notice per translation to each of
 * their translators, counting their outdated units (`outdated`: translator id → count).
 */
export async function notifyOutdated(
  deps: NotifyDeps,
  store: Store,
  event: { postId: string; translation: TranslationRecord; outdated: ReadonlyMap<string, number> },
): Promise<void> {
  if (event.outdated.size === 0) return;
  const post = await store.posts.findById(event.postId);
  const revision = post ? await store.posts.revision(post.id, post.currentRevision) : null;
  for (const [userId, count] of event.outdated)
    await notify(deps, store, {
      userId,
      kind: 'translation_outdated',
      params: { postTitle: revision?.title ?? '', language: event.translation.language, count },
      link: `/translate/${encodeURIComponent(event.postId)}/${encodeURIComponent(event.translation.language)}`,
      actorId: null,
    });
}

/** Counts one outdated target for its translator (see notifyOutdated). */
export function countOutdated(
  counts: Map<string, number>,
  target: Pick<TargetRecord, 'translatedBy'>,
): void {
  if (target.translatedBy)
    counts.set(target.translatedBy, (counts.get(target.translatedBy) ?? 0) + 1);
}

/** The workflow actions that tell a post's authors, and what. */
const POST_KINDS: Partial<Record<string, NotificationKind>> = {
  publish: 'post_published',
  schedule: 'post_scheduled',
  withdraw: 'post_sent_back',
};

/**
 * A post was published, scheduled or sent back to draft: its creator and the authors of its
 * current revision are told (the actor left out; null actor: the scheduler).
 */
export async function notifyPostTransition(
  deps: NotifyDeps,
  store: Store,
  event: { actorId: string | null; post: PostRecord; action: string; previousStatus: string },
): Promise<void> {
  const kind = POST_KINDS[event.action];
  // Publishing the latest changes of a post readers already have is not news to its authors.
  if (!kind || (kind === 'post_published' && event.previousStatus === 'published')) return;
  const { post } = event;
  const revision = await store.posts.revision(post.id, post.currentRevision);
  const authors = [
    ...(post.createdBy ? [post.createdBy] : []),
    ...(revision?.metadata.authorIds ?? []),
  ];
  await notifyEach(deps, store, authors, {
    kind,
    params: {
      postTitle: revision?.title ?? '',
      actorName: await nameOf(store, event.actorId),
      ...(kind === 'post_scheduled' && post.scheduledAt ? { scheduledAt: post.scheduledAt } : {}),
    },
    // The post's own page in the writing area (where its state and history are shown).
    link: `/write/${encodeURIComponent(post.id)}`,
    actorId: event.actorId,
  });
}

/**
 * A comment became visible (written by a trusted account, or approved by a moderator): the
 * author of the comment it answers is told of the reply, and the post's creator and authors
 * of its published revision that it is about their post (each person once: the one answered
 * hears of the reply only; the commenter never hears of their own comment).
 */
export async function notifyCommentPublished(
  deps: NotifyDeps,
  store: Store,
  event: {
    comment: { id: string; authorId: string; body: string; parentId: string | null };
    post: PostRecord;
    /** Where the thread is read (the reader's page of the comment's language). */
    path: string;
  },
): Promise<void> {
  const { comment, post } = event;
  const revision =
    post.publishedRevision === null
      ? null
      : await store.posts.revision(post.id, post.publishedRevision);
  const shared = {
    params: {
      postTitle: revision?.title ?? '',
      actorName: await nameOf(store, comment.authorId),
      comment: comment.body,
    },
    link: `${event.path}#comment-${encodeURIComponent(comment.id)}`,
    actorId: comment.authorId,
  };
  const parent = comment.parentId ? await store.comments.findById(comment.parentId) : null;
  const answered = parent && parent.deletedAt === null ? parent.authorId : null;
  if (answered) await notify(deps, store, { ...shared, userId: answered, kind: 'comment_reply' });
  const authors = [
    ...(post.createdBy ? [post.createdBy] : []),
    ...(revision?.metadata.authorIds ?? []),
  ].filter((id) => id !== answered);
  await notifyEach(deps, store, authors, { ...shared, kind: 'comment_on_post' });
}
