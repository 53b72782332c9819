/** Any error as a page: what happened, and where to go next. */
import { Layout } from '../layouts/layout.js';
import type { ViewUser } from '../view-types.js';

export interface ErrorPageProps {
  user: ViewUser | null;
  status: number;
  message: string;
  problems: readonly { field: string; message: string }[];
  csrfToken: string;
}

const titles: Record<number, string> = {
  401: 'Please sign in',
  403: 'Not allowed',
  404: 'Page not found',
  409: 'Conflict',
  413: 'File too large',
  415: 'Unsupported file type',
  422: 'Please check the form',
  429: 'Too many attempts',
};

export function ErrorPage(props: ErrorPageProps) {
  const title =
    titles[props.status] ?? (props.status >= 500 ? 'Something went wrong' : 'Request refused');
  return (
    <Layout title={title} user={props.user} csrfToken={props.csrfToken}>
      <h1>{title}</h1>
      <p>{props.message}</p>
      {props.problems.length > 0 ? (
        <ul>
          {props.problems.map((p) => (
            <li>
              <strong>{p.field}</strong>: {p.message}
            </li>
          ))}
        </ul>
      ) : null}
      <p>
        <a href="/">Back to the home page</a>
      </p>
    </Layout>
  );
}
