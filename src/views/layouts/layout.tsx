/** The page frame: header with navigation, main landmark, footer. Works without JavaScript. */
import type { ComponentChildren } from 'preact';
import type { ViewUser } from '../view-types.js';

export interface LayoutProps {
  title: string;
  user: ViewUser | null;
  csrfToken: string;
  lang?: string;
  dir?: 'ltr' | 'rtl';
  description?: string;
  siteName?: string;
  scripts?: string[];
  children: ComponentChildren;
}

export function Layout(props: LayoutProps) {
  const { user } = props;
  const site = props.siteName ?? 'Polyphony';
  const roles = user?.roles ?? [];
  const isEditor = roles.includes('editor') || roles.includes('admin');
  const isAuthor = isEditor || roles.includes('author');
  return (
    <html lang={props.lang ?? 'en'} dir={props.dir ?? 'ltr'}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{props.title === site ? site : `${props.title} · ${site}`}</title>
        {props.description ? <meta name="description" content={props.description} /> : null}
        <link rel="stylesheet" href="/assets/site.css" />
        {(props.scripts ?? []).map((src) => (
          <script src={src} defer />
        ))}
      </head>
      <body>
        <a class="skip-link" href="#main" lang="en">
          Skip to content
        </a>
        <header class="site-header" lang="en">
          <a class="site-name" href="/">
            {site}
          </a>
          <nav aria-label="Site">
            <ul>
              <li>
                <a href="/">Home</a>
              </li>
              {isAuthor ? (
                <li>
                  <a href="/write">Write</a>
                </li>
              ) : null}
              {isAuthor ? (
                <li>
                  <a href="/media">Media</a>
                </li>
              ) : null}
              {isEditor ? (
                <li>
                  <a href="/editorial">Review queue</a>
                </li>
              ) : null}
              {roles.includes('admin') ? (
                <li>
                  <a href="/admin">Admin</a>
                </li>
              ) : null}
              {user ? (
                <li>
                  <form method="post" action="/signout" class="inline-form">
                    <input type="hidden" name="_csrf" value={props.csrfToken} />
                    <button type="submit" class="link-button">
                      Sign out <bdi>{user.displayName}</bdi>
                    </button>
                  </form>
                </li>
              ) : (
                <li>
                  <a href="/signin">Sign in</a>
                </li>
              )}
            </ul>
          </nav>
        </header>
        <main id="main" tabIndex={-1}>
          {props.children}
        </main>
        <footer class="site-footer" lang="en">
          <p>
            {site} — a multilingual community blog. <a href="/">Home</a>
          </p>
        </footer>
      </body>
    </html>
  );
}
