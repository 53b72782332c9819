/** Author pages: my posts, the editor (with preview and conflict view), revisions and their diff. */
import type { ComponentChildren } from 'preact';
import { Csrf } from '../../components/field.js';
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
}

const statusLabel: Record<string, string> = {
  draft: 'Draft',
  submitted: 'Waiting for review',
  scheduled: 'Scheduled',
  published: 'Published',
  unpublished: 'Unpublished',
};

export function StatusBadge({ status }: { status: string }) {
  return <span class={`badge status-${status}`}>{statusLabel[status] ?? status}</span>;
}

export function PostTable({
  rows,
  actions,
}: {
  rows: PostRow[];
  actions?: (row: PostRow) => ComponentChildren;
}) {
  if (rows.length === 0) return <p>No posts here.</p>;
  return (
    <table class="post-table">
      <thead>
        <tr>
          <th scope="col">Title</th>
          <th scope="col">Status</th>
          <th scope="col">Revision</th>
          <th scope="col">Updated</th>
          {actions ? <th scope="col">Actions</th> : null}
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
                  · <a href={r.publicPath}>view</a>
                </>
              ) : null}
            </td>
            <td>
              <StatusBadge status={r.status} />
              {r.hasUnpublishedChanges ? (
                <span class="badge">Changes not yet published</span>
              ) : null}
            </td>
            <td>{r.revision}</td>
            <td>
              <time dateTime={r.updatedAt}>{r.updatedAt.slice(0, 16).replace('T', ' ')} UTC</time>
            </td>
            {actions ? <td>{actions(r)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function WriteDashboardPage(props: { user: ViewUser; csrfToken: string; rows: PostRow[] }) {
  return (
    <Layout title="Your posts" user={props.user} csrfToken={props.csrfToken}>
      <div class="page-head">
        <h1>Your posts</h1>
        <a class="button" href="/write/new">
          Write a new post
        </a>
      </div>
      <PostTable rows={props.rows} />
    </Layout>
  );
}

export interface EditorPageProps {
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
  } | null;
  form: PostFormProps;
  previewHtml?: string | undefined;
  conflict?: { revision: number; title: string; body: string; savedAt: string } | undefined;
}

export function EditorPage(props: EditorPageProps) {
  const { post } = props;
  return (
    <Layout title={props.heading} user={props.user} csrfToken={props.csrfToken}>
      <div class="page-head">
        <h1>{props.heading}</h1>
        {post ? (
          <p>
            <StatusBadge status={post.status} /> Revision {post.revision} ·{' '}
            <a href={`/write/${post.id}/revisions`}>History</a> ·{' '}
            <a href={`/write/${post.id}/preview`}>Preview as readers see it</a>
            {post.publicPath ? (
              <>
                {' '}
                · <a href={post.publicPath}>Public page</a>
              </>
            ) : null}
          </p>
        ) : null}
      </div>
      {props.conflict ? (
        <section class="conflict" aria-labelledby="conflict-heading">
          <h2 id="conflict-heading">Someone else saved this post while you were editing</h2>
          <p>
            Nothing was overwritten. Your version is in the form below (not saved yet). Their
            version, revision {props.conflict.revision}, is shown here: merge what you need, then
            save again.
          </p>
          <div class="conflict-columns">
            <div>
              <h3>Saved version (revision {props.conflict.revision})</h3>
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
      {post ? <WorkflowButtons csrfToken={props.csrfToken} post={post} /> : null}
      <div class={props.previewHtml !== undefined ? 'editor-with-preview' : ''}>
        <PostForm {...props.form} />
        {props.previewHtml !== undefined ? (
          <section class="preview" aria-label="Preview">
            <h2>Preview</h2>
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
}: {
  csrfToken: string;
  post: NonNullable<EditorPageProps['post']>;
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
    <div class="workflow" role="group" aria-label="Workflow">
      {(post.status === 'draft' || post.status === 'unpublished') && post.isAuthor
        ? action('submit', 'Submit for review', '')
        : null}
      {(post.status === 'submitted' || post.status === 'scheduled') &&
      (post.isAuthor || post.canPublish)
        ? action('withdraw', 'Back to draft')
        : null}
      {post.canPublish ? (
        <form method="post" action={`/write/${post.id}/publish`} class="inline-form publish-form">
          <Csrf token={csrfToken} />
          <label>
            Publish at (UTC, optional) <input type="datetime-local" name="publishAt" />
          </label>
          <button type="submit">
            {post.status === 'published' ? 'Publish latest changes' : 'Publish'}
          </button>
        </form>
      ) : null}
      {post.canPublish && (post.status === 'published' || post.status === 'scheduled')
        ? action('unpublish', 'Unpublish')
        : null}
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
  user: ViewUser;
  csrfToken: string;
  postId: string;
  title: string;
  current: number;
  published: number | null;
  revisions: RevisionRow[];
}) {
  return (
    <Layout title={`History: ${props.title}`} user={props.user} csrfToken={props.csrfToken}>
      <h1>
        History of <bdi>{props.title}</bdi>
      </h1>
      <p>
        <a href={`/write/${props.postId}`}>Back to the editor</a>
      </p>
      <form method="get" action={`/write/${props.postId}/compare`} class="compare-form">
        <table class="post-table">
          <thead>
            <tr>
              <th scope="col">From</th>
              <th scope="col">To</th>
              <th scope="col">Revision</th>
              <th scope="col">Saved by</th>
              <th scope="col">When</th>
              <th scope="col">Restore</th>
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
                    aria-label={`Compare from revision ${r.number}`}
                  />
                </td>
                <td>
                  <input
                    type="radio"
                    name="to"
                    value={String(r.number)}
                    checked={i === 0}
                    aria-label={`Compare to revision ${r.number}`}
                  />
                </td>
                <td>
                  {r.number}
                  {r.number === props.current ? ' (current)' : ''}
                  {r.number === props.published ? ' (published)' : ''}
                  {r.restoredFrom ? ` — restored from ${r.restoredFrom}` : ''}
                  <br />
                  <span dir="auto">{r.title}</span>
                </td>
                <td>
                  <bdi>{r.savedBy}</bdi>
                </td>
                <td>
                  <time dateTime={r.createdAt}>
                    {r.createdAt.slice(0, 19).replace('T', ' ')} UTC
                  </time>
                </td>
                <td>
                  {r.number !== props.current ? (
                    <button
                      type="submit"
                      formMethod="post"
                      formAction={`/write/${props.postId}/revisions/${r.number}/restore?base=${props.current}`}
                      class="secondary"
                    >
                      Restore
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <input type="hidden" name="_csrf" value={props.csrfToken} />
        <button type="submit">Compare selected revisions</button>
      </form>
    </Layout>
  );
}

export function ComparePage(props: {
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
  const changed = props.fields.filter((f) => f.changed);
  return (
    <Layout
      title={`Compare revisions ${props.from} and ${props.to}`}
      user={props.user}
      csrfToken={props.csrfToken}
    >
      <h1>
        Revision {props.from} → {props.to}
      </h1>
      <p>
        <a href={`/write/${props.postId}/revisions`}>Back to the history</a>
      </p>
      {changed.length === 0 ? <p>These revisions have the same content.</p> : null}
      {changed.map((f) => (
        <section class="diff-field">
          <h2>{f.field}</h2>
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
  user: ViewUser;
  csrfToken: string;
  waiting: PostRow[];
  changed: PostRow[];
}) {
  return (
    <Layout title="Review queue" user={props.user} csrfToken={props.csrfToken}>
      <h1>Review queue</h1>
      <h2>Waiting for review or scheduled</h2>
      <PostTable rows={props.waiting} />
      <h2>Published posts with newer changes</h2>
      <PostTable rows={props.changed} />
    </Layout>
  );
}
