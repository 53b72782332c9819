/** Author pages: my posts, the editor (with preview and conflict view), revisions and their diff. */
import type { ComponentChildren } from 'preact';
import type { Translator } from '../../../i18n/translator.js';
import { Timestamp } from '../../components/date.js';
import { Csrf } from '../../components/field.js';
import { Message } from '../../components/message.js';
import { Layout } from '../../layouts/layout.js';
import type { ViewUser } from '../../view-types.js';
import { PostForm } from './post-form.js';
import type { PostFormProps } from './post-form.js';

export interface PostRow {
  id: string;
  title: string;
  status: string;
  language: string;
  revision: number;
  updatedAt: string;
  publicPath: string | null;
  hasUnpublishedChanges: boolean;
  /** When a scheduled post goes out, in the viewer's time zone with the zone named. */
  scheduled?: string | null;
}

const statuses = new Set(['draft', 'submitted', 'scheduled', 'published', 'unpublished']);

export function StatusBadge({ status, t }: { status: string; t: Translator }) {
  return (
    <span class={`badge status-${status}`}>
      {statuses.has(status) ? t.t(`write.status.${status}`) : status}
    </span>
  );
}

export function PostTable({
  t,
  rows,
  actions,
}: {
  t: Translator;
  rows: PostRow[];
  actions?: (row: PostRow) => ComponentChildren;
}) {
  if (rows.length === 0) return <p>{t.t('write.table.empty')}</p>;
  return (
    <table class="post-table">
      <thead>
        <tr>
          <th scope="col">{t.t('write.table.title')}</th>
          <th scope="col">{t.t('write.table.status')}</th>
          <th scope="col">{t.t('write.table.revision')}</th>
          <th scope="col">{t.t('write.table.updated')}</th>
          {actions ? <th scope="col">{t.t('write.table.actions')}</th> : null}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr>
            <td lang={r.language} dir="auto">
              <a href={`/write/${r.id}`}>{r.title}</a>
              {r.publicPath ? (
                <>
                  {' '}
                  · <a href={r.publicPath}>{t.t('write.table.view')}</a>
                </>
              ) : null}
            </td>
            <td>
              <StatusBadge status={r.status} t={t} />
              {r.hasUnpublishedChanges ? (
                <>
                  {' '}
                  <span class="badge">{t.t('write.badge.unpublishedChanges')}</span>
                </>
              ) : null}
              {r.scheduled ? (
                <>
                  <br />
                  <span class="meta">{t.t('authoring.schedule.at', { time: r.scheduled })}</span>
                </>
              ) : null}
            </td>
            <td>{t.formatNumber(r.revision)}</td>
            <td>
              <Timestamp iso={r.updatedAt} t={t} />
            </td>
            {actions ? <td>{actions(r)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function WriteDashboardPage(props: {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  rows: PostRow[];
}) {
  const { t } = props;
  return (
    <Layout
      title={t.t('write.dashboard.title')}
      t={t}
      user={props.user}
      csrfToken={props.csrfToken}
    >
      <div class="page-head">
        <h1>{t.t('write.dashboard.title')}</h1>
        <a class="button" href="/write/new">
          {t.t('write.dashboard.new')}
        </a>
      </div>
      <PostTable rows={props.rows} t={t} />
    </Layout>
  );
}

export interface EditorPageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  heading: string;
  post: {
    id: string;
    status: string;
    revision: number;
    publicPath: string | null;
    canPublish: boolean;
    isAuthor: boolean;
    /** Pinned to the top of the home page. */
    sticky: boolean;
    /** A page is on no listing: nothing to pin it to. */
    isPage?: boolean;
    /** Segments whose translations publishing would mark outdated (published posts only). */
    pendingChanges?: {
      unitId: string;
      parts: { kind: 'same' | 'added' | 'removed'; text: string }[];
      /** The authors flagged every save that changed it minor: pre-ticked. */
      flaggedMinor?: boolean;
    }[];
    /** The viewer's IANA time zone: the publish-at field is in it. */
    timeZone?: string;
    /** When the scheduled post goes out, formatted in the viewer's zone (zone named). */
    scheduled?: string | null;
    /** The scheduled time as a datetime-local value in the viewer's zone ('' when none). */
    publishAtValue?: string;
  } | null;
  form: PostFormProps;
  previewHtml?: string | undefined;
  conflict?: { revision: number; title: string; body: string; savedAt: string } | undefined;
}

export function EditorPage(props: EditorPageProps) {
  const { post, t } = props;
  return (
    <Layout
      title={props.heading}
      t={t}
      user={props.user}
      csrfToken={props.csrfToken}
      scripts={['/assets/build/author.js']}
    >
      <div class="page-head">
        <h1 dir="auto">{props.heading}</h1>
        {post ? (
          <p>
            <StatusBadge status={post.status} t={t} />{' '}
            {t.t('write.editor.revision', { revision: post.revision })} ·{' '}
            <a href={`/write/${post.id}/revisions`}>{t.t('write.editor.history')}</a> ·{' '}
            <a href={`/write/${post.id}/preview`}>{t.t('write.editor.previewLink')}</a>
            {post.publicPath ? (
              <>
                {' '}
                · <a href={post.publicPath}>{t.t('write.editor.publicPage')}</a>
              </>
            ) : null}
          </p>
        ) : null}
        {post?.scheduled ? (
          <p class="scheduled-at">
            {t.t('authoring.schedule.at', { time: post.scheduled })}{' '}
            <span class="meta">({post.timeZone})</span>
          </p>
        ) : null}
      </div>
      {props.conflict ? (
        <section class="conflict" aria-labelledby="conflict-heading">
          <h2 id="conflict-heading">{t.t('write.conflict.heading')}</h2>
          <p>{t.t('write.conflict.explanation', { revision: props.conflict.revision })}</p>
          <div class="conflict-columns">
            <div>
              <h3>{t.t('write.conflict.savedVersion', { revision: props.conflict.revision })}</h3>
              <p>
                <strong dir="auto">{props.conflict.title}</strong>
              </p>
              <pre class="conflict-text" dir="auto">
                {props.conflict.body}
              </pre>
            </div>
          </div>
        </section>
      ) : null}
      {post ? <WorkflowButtons csrfToken={props.csrfToken} post={post} t={t} /> : null}
      <div class={props.previewHtml !== undefined ? 'editor-with-preview' : ''}>
        <PostForm {...props.form} />
        {props.previewHtml !== undefined ? (
          <section class="preview" aria-labelledby="preview-heading">
            <h2 id="preview-heading">{t.t('write.preview.heading')}</h2>
            <div
              class="post-body"
              lang={props.form.values.language}
              dir="auto"
              dangerouslySetInnerHTML={{ __html: props.previewHtml }}
            />
          </section>
        ) : null}
      </div>
    </Layout>
  );
}

function WorkflowButtons({
  csrfToken,
  post,
  t,
}: {
  csrfToken: string;
  post: NonNullable<EditorPageProps['post']>;
  t: Translator;
}) {
  const action = (path: string, label: string, cls = 'secondary') => (
    <form method="post" action={`/write/${post.id}/${path}`} class="inline-form">
      <Csrf token={csrfToken} />
      <button type="submit" class={cls}>
        {label}
      </button>
    </form>
  );
  return (
    <div class="workflow" role="group" aria-label={t.t('write.workflow.label')}>
      {(post.status === 'draft' || post.status === 'unpublished') && post.isAuthor
        ? action('submit', t.t('write.workflow.submit'), '')
        : null}
      {(post.status === 'submitted' || post.status === 'scheduled') &&
      (post.isAuthor || post.canPublish)
        ? action('withdraw', t.t('write.workflow.withdraw'))
        : null}
      {post.canPublish ? (
        <form method="post" action={`/write/${post.id}/publish`} class="inline-form publish-form">
          <Csrf token={csrfToken} />
          {post.pendingChanges && post.pendingChanges.length > 0 ? (
            <fieldset class="pending-changes">
              <legend>{t.t('write.workflow.changes.legend')}</legend>
              <p class="hint">{t.t('write.workflow.changes.hint')}</p>
              <ul>
                {post.pendingChanges.map((change) => (
                  <li>
                    <p class="diff" dir="auto">
                      {change.parts.map((p) =>
                        p.kind === 'added' ? (
                          <ins>{p.text}</ins>
                        ) : p.kind === 'removed' ? (
                          <del>{p.text}</del>
                        ) : (
                          <span>{p.text}</span>
                        ),
                      )}
                    </p>
                    <label>
                      <input
                        type="checkbox"
                        name="minorUnitIds"
                        value={change.unitId}
                        checked={change.flaggedMinor === true}
                      />{' '}
                      {t.t('write.workflow.changes.minor')}
                    </label>
                    {change.flaggedMinor ? (
                      <p class="hint">{t.t('authoring.minor.flagged')}</p>
                    ) : null}
                  </li>
                ))}
              </ul>
            </fieldset>
          ) : null}
          <label for="publishAt">{t.t('authoring.schedule.label')}</label>{' '}
          <input
            type="datetime-local"
            id="publishAt"
            name="publishAt"
            value={post.publishAtValue ?? ''}
            aria-describedby="publishAt-zone"
          />{' '}
          <span class="hint" id="publishAt-zone">
            {t.t('authoring.schedule.zone', { zone: post.timeZone ?? 'UTC' })}
          </span>
          <button type="submit">
            {post.status === 'published'
              ? t.t('write.workflow.publishChanges')
              : t.t('write.workflow.publish')}
          </button>
        </form>
      ) : null}
      {post.canPublish && (post.status === 'published' || post.status === 'scheduled')
        ? action('unpublish', t.t('write.workflow.unpublish'))
        : null}
      {post.canPublish && !post.isPage ? (
        <form method="post" action={`/write/${post.id}/pin`} class="inline-form">
          <Csrf token={csrfToken} />
          <input type="hidden" name="sticky" value={post.sticky ? '0' : '1'} />
          <button type="submit" class="secondary" aria-describedby="pin-hint">
            {post.sticky ? t.t('write.workflow.unpin') : t.t('write.workflow.pin')}
          </button>{' '}
          <span class="hint" id="pin-hint">
            {post.sticky ? t.t('write.workflow.pinned') : t.t('write.workflow.pinHint')}
          </span>
        </form>
      ) : null}
    </div>
  );
}

export interface RevisionRow {
  number: number;
  title: string;
  savedBy: string;
  createdAt: string;
  restoredFrom: number | null;
}

export function RevisionsPage(props: {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  postId: string;
  title: string;
  current: number;
  published: number | null;
  revisions: RevisionRow[];
}) {
  const { t } = props;
  return (
    <Layout
      title={t.t('write.revisions.title', { title: props.title })}
      t={t}
      user={props.user}
      csrfToken={props.csrfToken}
    >
      <h1>
        <Message t={t} id="write.revisions.heading" slots={{ title: <bdi>{props.title}</bdi> }} />
      </h1>
      <p>
        {t.t('write.revisions.count', { count: props.revisions.length })} ·{' '}
        <a href={`/write/${props.postId}`}>{t.t('write.revisions.back')}</a>
      </p>
      <form method="get" action={`/write/${props.postId}/compare`} class="compare-form">
        <table class="post-table">
          <thead>
            <tr>
              <th scope="col">{t.t('write.revisions.from')}</th>
              <th scope="col">{t.t('write.revisions.to')}</th>
              <th scope="col">{t.t('write.table.revision')}</th>
              <th scope="col">{t.t('write.revisions.savedBy')}</th>
              <th scope="col">{t.t('write.revisions.when')}</th>
              <th scope="col">{t.t('write.revisions.restore')}</th>
            </tr>
          </thead>
          <tbody>
            {props.revisions.map((r, i) => (
              <tr>
                <td>
                  <input
                    type="radio"
                    name="from"
                    value={String(r.number)}
                    checked={i === 1}
                    aria-label={t.t('write.revisions.compareFrom', { revision: r.number })}
                  />
                </td>
                <td>
                  <input
                    type="radio"
                    name="to"
                    value={String(r.number)}
                    checked={i === 0}
                    aria-label={t.t('write.revisions.compareTo', { revision: r.number })}
                  />
                </td>
                <td>
                  {t.formatNumber(r.number)}
                  {r.number === props.current ? ` ${t.t('write.revisions.current')}` : ''}
                  {r.number === props.published ? ` ${t.t('write.revisions.published')}` : ''}
                  {r.restoredFrom
                    ? ` ${t.t('write.revisions.restoredFrom', { revision: r.restoredFrom })}`
                    : ''}
                  <br />
                  <span dir="auto">{r.title}</span>
                </td>
                <td>
                  <bdi>{r.savedBy}</bdi>
                </td>
                <td>
                  <Timestamp iso={r.createdAt} t={t} />
                </td>
                <td>
                  {r.number !== props.current ? (
                    <button
                      type="submit"
                      formMethod="post"
                      formAction={`/write/${props.postId}/revisions/${r.number}/restore?base=${props.current}`}
                      class="secondary"
                    >
                      {t.t('write.revisions.restore')}
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <button type="submit">{t.t('write.revisions.compare')}</button>
      </form>
    </Layout>
  );
}

const diffFields = new Set([
  'title',
  'excerpt',
  'body',
  'featuredAlt',
  'authors',
  'organizations',
  'tags',
  'categories',
]);

export function ComparePage(props: {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  postId: string;
  title: string;
  from: number;
  to: number;
  fields: {
    field: string;
    changed: boolean;
    parts: { kind: 'same' | 'added' | 'removed'; text: string }[];
  }[];
}) {
  const { t } = props;
  const changed = props.fields.filter((f) => f.changed);
  return (
    <Layout
      title={t.t('write.compare.title', { from: props.from, to: props.to })}
      t={t}
      user={props.user}
      csrfToken={props.csrfToken}
    >
      <h1>{t.t('write.compare.heading', { from: props.from, to: props.to })}</h1>
      <p>
        <a href={`/write/${props.postId}/revisions`}>{t.t('write.compare.back')}</a>
      </p>
      {changed.length === 0 ? <p>{t.t('write.compare.same')}</p> : null}
      {changed.map((f) => (
        <section class="diff-field">
          <h2>{diffFields.has(f.field) ? t.t(`write.diffField.${f.field}`) : f.field}</h2>
          <p class="diff" dir="auto">
            {f.parts.map((p) =>
              p.kind === 'added' ? (
                <ins>{p.text}</ins>
              ) : p.kind === 'removed' ? (
                <del>{p.text}</del>
              ) : (
                <span>{p.text}</span>
              ),
            )}
          </p>
        </section>
      ))}
    </Layout>
  );
}

export function QueuePage(props: {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  waiting: PostRow[];
  changed: PostRow[];
  /** The viewer's time zone, in which scheduled times are shown. */
  timeZone?: string;
}) {
  const { t } = props;
  return (
    <Layout title={t.t('write.queue.title')} t={t} user={props.user} csrfToken={props.csrfToken}>
      <h1>{t.t('write.queue.title')}</h1>
      <p>
        <a href="/admin/taxonomy">{t.t('taxonomy.adminLink')}</a>
      </p>
      <p>
        <a href="/editorial/comments">{t.t('comments.moderation.link')}</a>
      </p>
      {props.timeZone ? (
        <p class="hint">{t.t('authoring.schedule.zone', { zone: props.timeZone })}</p>
      ) : null}
      <h2>{t.t('write.queue.waiting')}</h2>
      <PostTable rows={props.waiting} t={t} />
      <h2>{t.t('write.queue.changed')}</h2>
      <PostTable rows={props.changed} t={t} />
      <h2>{t.t('write.queue.vandalism')}</h2>
      <p>
        <a href="/editorial/rollback">{t.t('write.queue.rollback')}</a>
      </p>
    </Layout>
  );
}
