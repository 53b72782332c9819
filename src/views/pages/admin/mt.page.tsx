/** Administration: machine translation — the configured engines and the pairs it is enabled for. */
import type { Translator } from '../../../i18n/translator.js';
import { formatTimestamp } from '../../components/date.js';
import { Csrf, ErrorSummary, Field } from '../../components/field.js';
import { Layout } from '../../layouts/layout.js';
import type { ViewUser } from '../../view-types.js';

export interface MtAdminPageProps {
  t: Translator;
  user: ViewUser;
  csrfToken: string;
  engines: {
    name: string;
    label: string;
    origin: string;
    state: 'ready' | 'paused' | 'unreachable';
    until?: string | undefined;
    detail?: string | undefined;
  }[];
  pairs: {
    sourceLanguage: string;
    targetLanguage: string;
    enabled: string | null;
    offeredBy: string[];
  }[];
  problems?: { field: string; message: string }[] | undefined;
}

export function MtAdminPage(props: MtAdminPageProps) {
  const { t } = props;
  const labelOf = (name: string) => props.engines.find((e) => e.name === name)?.label ?? name;
  const pairName = (source: string, target: string) =>
    t.t('mt.pairs.pairName', { source: t.languageName(source), target: t.languageName(target) });
  const enabledCount = props.pairs.filter((p) => p.enabled !== null).length;
  return (
    <Layout title={t.t('mt.title')} t={t} user={props.user} csrfToken={props.csrfToken}>
      <p>
        <a href="/admin">{t.t('mt.back')}</a>
      </p>
      <h1>{t.t('mt.title')}</h1>
      <p>{t.t('mt.intro')}</p>
      <ErrorSummary problems={props.problems} />
      <section aria-labelledby="mt-engines">
        <h2 id="mt-engines">{t.t('mt.engines.heading')}</h2>
        {props.engines.length === 0 ? (
          <p>{t.t('mt.engines.none')}</p>
        ) : (
          <table class="post-table">
            <thead>
              <tr>
                <th scope="col">{t.t('mt.engines.engine')}</th>
                <th scope="col">{t.t('mt.engines.address')}</th>
                <th scope="col">{t.t('mt.engines.status')}</th>
              </tr>
            </thead>
            <tbody>
              {props.engines.map((e) => (
                <tr data-engine={e.name}>
                  <td>{e.label}</td>
                  <td>
                    <bdi>{e.origin}</bdi>
                  </td>
                  <td>
                    {e.state === 'ready'
                      ? t.t('mt.engines.ready')
                      : e.state === 'paused'
                        ? t.t('mt.engines.paused', {
                            until: formatTimestamp(e.until ?? '', t.lang),
                            detail: e.detail ?? '',
                          })
                        : t.t('mt.engines.unreachable', { detail: e.detail ?? '' })}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="mt-pairs">
        <h2 id="mt-pairs">{t.t('mt.pairs.heading')}</h2>
        <p role="status">{t.t('mt.pairs.count', { count: enabledCount })}</p>
        {props.pairs.length === 0 ? (
          <p>{t.t('mt.pairs.none')}</p>
        ) : (
          <table class="post-table">
            <thead>
              <tr>
                <th scope="col">{t.t('mt.pairs.pair')}</th>
                <th scope="col">{t.t('mt.pairs.engine')}</th>
              </tr>
            </thead>
            <tbody>
              {props.pairs.map((p) => {
                const name = pairName(p.sourceLanguage, p.targetLanguage);
                const id = `mt-${p.sourceLanguage}-${p.targetLanguage}`;
                const stale = p.enabled !== null && !p.offeredBy.includes(p.enabled);
                return (
                  <tr data-pair={`${p.sourceLanguage}|${p.targetLanguage}`}>
                    <td>
                      <label for={id}>{name}</label>
                    </td>
                    <td>
                      <form method="post" action="/admin/mt/pairs" class="roles-form">
                        <Csrf token={props.csrfToken} />
                        <input type="hidden" name="sourceLanguage" value={p.sourceLanguage} />
                        <input type="hidden" name="targetLanguage" value={p.targetLanguage} />
                        <select
                          id={id}
                          name="engine"
                          aria-label={t.t('mt.pairs.engineFor', { pair: name })}
                        >
                          <option value="" selected={p.enabled === null}>
                            {t.t('mt.pairs.off')}
                          </option>
                          {p.offeredBy.map((engine) => (
                            <option value={engine} selected={p.enabled === engine}>
                              {labelOf(engine)}
                            </option>
                          ))}
                          {stale && p.enabled !== null ? (
                            <option value={p.enabled} selected>
                              {t.t('mt.pairs.notOffered', { engine: labelOf(p.enabled) })}
                            </option>
                          ) : null}
                        </select>{' '}
                        <button type="submit" class="secondary">
                          {t.t('mt.pairs.save')}
                        </button>
                      </form>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
      </section>
      {props.engines.length > 0 ? (
        <section aria-labelledby="mt-other">
          <h2 id="mt-other">{t.t('mt.other.heading')}</h2>
          <form method="post" action="/admin/mt/pairs" class="stack narrow">
            <Csrf token={props.csrfToken} />
            <p class="meta">{t.t('mt.other.hint')}</p>
            <Field id="mt-source" label={t.t('mt.other.source')}>
              <input id="mt-source" name="sourceLanguage" required dir="ltr" size={12} />
            </Field>
            <Field id="mt-target" label={t.t('mt.other.target')}>
              <input id="mt-target" name="targetLanguage" required dir="ltr" size={12} />
            </Field>
            <Field id="mt-engine" label={t.t('mt.other.engine')}>
              <select id="mt-engine" name="engine">
                {props.engines.map((e) => (
                  <option value={e.name}>{e.label}</option>
                ))}
              </select>
            </Field>
            <button type="submit">{t.t('mt.other.submit')}</button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}
