/** Administration: people and roles, organizations. */
import { Csrf, ErrorSummary, Field } from '../components/field.js';
import { Layout } from '../layouts/layout.js';
import type { ViewUser } from '../view-types.js';

export interface AdminPageProps {
  user: ViewUser;
  csrfToken: string;
  roles: readonly string[];
  people: {
    id: string;
    username: string;
    displayName: string;
    email: string;
    roles: readonly string[];
    organizations: string[];
  }[];
  organizations: {
    slug: string;
    name: string;
    kind: string;
    country: string | null;
    website: string | null;
    members: number;
  }[];
  problems?: { field: string; message: string }[];
  notice?: string | undefined;
}

export function AdminPage(props: AdminPageProps) {
  return (
    <Layout title="Administration" user={props.user} csrfToken={props.csrfToken}>
      <h1>Administration</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <ErrorSummary problems={props.problems} />
      <section aria-labelledby="people">
        <h2 id="people">People and roles</h2>
        <table class="post-table">
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Organizations</th>
              <th scope="col">Roles</th>
            </tr>
          </thead>
          <tbody>
            {props.people.map((p) => (
              <tr>
                <td>
                  <bdi>{p.displayName}</bdi> <span class="meta">@{p.username}</span>
                </td>
                <td>{p.organizations.join(', ')}</td>
                <td>
                  <form method="post" action={`/admin/users/${p.id}/roles`} class="roles-form">
                    <Csrf token={props.csrfToken} />
                    {props.roles.map((r) => (
                      <label>
                        <input
                          type="checkbox"
                          name="roles"
                          value={r}
                          checked={p.roles.includes(r)}
                        />{' '}
                        {r}
                      </label>
                    ))}
                    <button type="submit" class="secondary">
                      Save roles
                    </button>
                  </form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
      <section aria-labelledby="orgs">
        <h2 id="orgs">Organizations</h2>
        <ul>
          {props.organizations.map((o) => (
            <li>
              <bdi>{o.name}</bdi> — {o.kind.replace('_', ' ')}
              {o.country ? `, ${o.country}` : ''} · {o.members} members
            </li>
          ))}
        </ul>
        <form method="post" action="/admin/organizations" class="stack narrow">
          <h3>Add an organization</h3>
          <Csrf token={props.csrfToken} />
          <Field id="name" label="Name">
            <input id="name" name="name" required dir="auto" />
          </Field>
          <Field id="kind" label="Kind">
            <select id="kind" name="kind">
              <option value="chapter">Chapter</option>
              <option value="user_group">User group</option>
              <option value="thematic">Thematic organization</option>
              <option value="other">Other</option>
            </select>
          </Field>
          <Field id="country" label="Country (ISO code)">
            <input id="country" name="country" maxLength={2} size={3} />
          </Field>
          <Field id="website" label="Website">
            <input id="website" name="website" type="url" />
          </Field>
          <button type="submit">Add organization</button>
        </form>
      </section>
    </Layout>
  );
}
