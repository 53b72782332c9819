/**
 * Approving volunteers' interface texts with concurrent clients on the PostgreSQL server: two
 * reviewers approving two proposals of one message at the same moment — one wins, the other
 * gets a conflict, and the database never holds two approved texts (the partial unique
 * index); two approvals of the same proposal — one wins. The previous approved text is
 * superseded, never deleted.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../../src/domain/errors.js';
import type { Actor } from '../../src/domain/roles.js';
import type { ServiceDeps } from '../../src/services/deps.js';
import type { InterfaceRepository, Store } from '../../src/services/repositories.js';
import type { InterfaceCatalog } from '../../src/services/interface/catalog.port.js';
import { proposeInterfaceText } from '../../src/services/interface/propose-interface-text.service.js';
import { decideInterfaceText } from '../../src/services/interface/review-interface-text.service.js';
import { buildUser } from '../support/app.js';
import { freshDatabase, serverUrl, settle } from './support.js';
import type { ServerDatabase } from './support.js';

const url = serverUrl();
const KEY = 'reader.home.title';

/** The catalog port with one English message; records what went live. */
function fakeCatalog(live: Map<string, string>): InterfaceCatalog {
  return {
    keys: () => [KEY],
    source: (key) => (key === KEY ? 'Latest posts' : undefined),
    shipped: () => undefined,
    apply: (language, key, text) => {
      if (text === null) live.delete(`${language}:${key}`);
      else live.set(`${language}:${key}`, text);
    },
    replaceAll: () => {
      live.clear();
      return true;
    },
  };
}

/**
 * `deps` whose approvals, inside their transaction, announce that they have written and then
 * hold the transaction open for a moment: another client's approval overlaps it for sure.
 */
function holdingApprovals(deps: ServiceDeps, written: () => void): ServiceDeps {
  const wrap = (store: Store): Store => {
    const real = store.interface;
    const held: InterfaceRepository = {
      insert: (record) => real.insert(record),
      findById: (id) => real.findById(id),
      listApproved: (language) => real.listApproved(language),
      findApproved: (language, key) => real.findApproved(language, key),
      listPending: (language) => real.listPending(language),
      reject: (id, reviewer) => real.reject(id, reviewer),
      approve: async (id, reviewer) => {
        const result = await real.approve(id, reviewer);
        written();
        await new Promise((resolve) => setTimeout(resolve, 300));
        return result;
      },
    };
    return { ...store, interface: held };
  };
  return {
    ...deps,
    store: {
      ...deps.store,
      transaction: (work) => deps.store.transaction((inner) => work(wrap(inner))),
    },
  };
}

const codeOf = (error: unknown) => (error instanceof DomainError ? error.code : String(error));

describe.skipIf(!url)(
  'interface approvals with concurrent clients on the PostgreSQL server',
  () => {
    let database: ServerDatabase;
    let one: ServiceDeps;
    let two: ServiceDeps;
    let translator: Actor;
    let reviewers: [Actor, Actor];
    const live = new Map<string, string>();
    const catalog = fakeCatalog(live);
    let counter = 0;

    beforeAll(async () => {
      database = await freshDatabase(url ?? '');
      one = await database.client();
      two = await database.client();
      const t = await buildUser(one, ['translator']);
      const a = await buildUser(one, ['reviewer']);
      const b = await buildUser(one, ['reviewer']);
      translator = { id: t.id, roles: t.roles };
      reviewers = [
        { id: a.id, roles: a.roles },
        { id: b.id, roles: b.roles },
      ];
    });
    afterAll(() => database.drop());

    const propose = async () => {
      counter += 1;
      return proposeInterfaceText(one, catalog, translator, {
        language: 'sw',
        key: KEY,
        text: `Makala mapya ${counter}`,
      });
    };

    const approved = async () =>
      (await one.store.interface.listApproved('sw')).filter((r) => r.key === KEY);

    it('of two proposals of one message approved at once, exactly one wins', async () => {
      const first = await propose();
      await decideInterfaceText(one, catalog, reviewers[0], {
        language: 'sw',
        id: first.id,
        action: 'approve',
      });
      for (let round = 0; round < 5; round++) {
        const a = await propose();
        const b = await propose();
        let written: () => void = () => undefined;
        const firstWrote = new Promise<void>((resolve) => (written = resolve));
        const results = await settle([
          decideInterfaceText(
            holdingApprovals(one, () => written()),
            catalog,
            reviewers[0],
            {
              language: 'sw',
              id: a.id,
              action: 'approve',
            },
          ),
          // The second approval starts once the first has written, before it commits.
          firstWrote.then(() =>
            decideInterfaceText(two, catalog, reviewers[1], {
              language: 'sw',
              id: b.id,
              action: 'approve',
            }),
          ),
        ]);
        const won = results.filter((r) => r.ok);
        const lost = results.flatMap((r) => (r.ok ? [] : [codeOf(r.error)]));
        expect(won).toHaveLength(1);
        expect(lost).toEqual(['conflict']);
        const rows = await approved();
        expect(rows).toHaveLength(1);
        expect(live.get(`sw:${KEY}`)).toBe(rows[0]?.text);
      }
      // Nothing was deleted: the first approved text is superseded, the losers still pending.
      const firstNow = await one.store.interface.findById(first.id);
      expect(firstNow?.status).toBe('superseded');
      expect((await one.store.interface.listPending('sw')).length).toBe(5);
    });

    it('two approvals of the same proposal: one wins, the other is a conflict', async () => {
      const proposal = await propose();
      const results = await settle([
        decideInterfaceText(one, catalog, reviewers[0], {
          language: 'sw',
          id: proposal.id,
          action: 'approve',
        }),
        decideInterfaceText(two, catalog, reviewers[1], {
          language: 'sw',
          id: proposal.id,
          action: 'approve',
        }),
      ]);
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.flatMap((r) => (r.ok ? [] : [codeOf(r.error)]))).toEqual(['conflict']);
      const rows = await approved();
      expect(rows.map((r) => r.id)).toEqual([proposal.id]);
    });
  },
);
