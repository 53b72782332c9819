/**
 * Demo content for a first start with an empty database: six organizations on three
 * continents, nine authors in three time zones, an editor, an event, a joint post about the
 * six communities' collaboration (video from 2:12:30, playbook PDF, interviews), one post
 * each in Spanish, Swahili, German and Serbian Cyrillic, a draft and a post awaiting review.
 *
 * Everything goes through the real services, so the demo is valid by construction. Only
 * events have no service yet (they are written with the repository). Each step runs with a
 * fixed clock, so dates (and permalinks) are the same on every machine. All organizations
 * and people are invented.
 */
import { randomBytes } from 'node:crypto';
import { postPath } from '../../domain/post.js';
import type { Actor, Role } from '../../domain/roles.js';
import { addOrganizationMember, createOrganization } from '../admin/admin.service.js';
import {
  applySiteSettings,
  siteSettingsView,
  updateSiteSettings,
} from '../admin/site-settings.service.js';
import { createUser } from '../auth/auth.service.js';
import type { ServiceDeps } from '../deps.js';
import { seedDemoGlossary } from './demo-glossary.js';
import { seedDemoTranslations } from './demo-translations.js';
import type { DemoTranslationTexts } from './demo-translations.js';
import { uploadMedia } from '../media/upload-media.service.js';
import type { PostInput } from '../posts/post-input.js';
import { OPT_OUT_SCOPES } from '../../domain/notifications.js';
import { createPost } from '../posts/save-post.service.js';
import { publishPost, submitPost } from '../posts/workflow.service.js';
import type {
  EventRecord,
  MediaRecord,
  OrganizationKind,
  OrganizationRecord,
  PostRecord,
  UserRecord,
} from '../repositories.js';

/**
 * Files the demo needs. `images` in this order: the joint post's featured banner, the
 * workshop figure, then optional extras (the first extra illustrates the Spanish post).
 * With fewer images the earlier ones are reused.
 */
export interface DemoAssets {
  playbookPdf: Buffer;
  images: { name: string; data: Buffer }[];
  /**
   * The joint post's Spanish and Swahili texts, by English unit; without them the joint post
   * is left untranslated (for journeys that translate it themselves).
   */
  translations?: DemoTranslationTexts | undefined;
}

export interface DemoResult {
  adminUsername: string;
  /** Permalink of the joint post: /en/2026/10/14/four-continents-one-playbook */
  featuredPostPath: string;
  /** How many posts were created (published, submitted and draft). */
  posts: number;
}

type OrgKey = 'ar' | 'ke' | 'tz' | 'ug' | 'de' | 'rs';

const organizations: Record<
  OrgKey,
  { name: string; kind: OrganizationKind; country: string; website: string; description: string }
> = {
  ar: {
    name: 'Conocimiento Libre Buenos Aires',
    kind: 'chapter',
    country: 'AR',
    website: 'https://buenos-aires.example.org',
    description:
      'Voluntarias y voluntarios que escriben y fotografían el conocimiento libre del Río de la Plata desde 2012.',
  },
  ke: {
    name: 'Maarifa Huru Nairobi',
    kind: 'user_group',
    country: 'KE',
    website: 'https://nairobi.example.org',
    description:
      'Jumuiya ya wahariri wa kujitolea jijini Nairobi wanaoandika kuhusu muziki, historia na utamaduni wa Kenya.',
  },
  tz: {
    name: 'Jamii ya Wahariri Dar es Salaam',
    kind: 'user_group',
    country: 'TZ',
    website: 'https://dar-es-salaam.example.org',
    description:
      'Tunaandika na kuboresha makala za Kiswahili, hasa kuhusu afya na elimu, pamoja na maktaba za vyuo.',
  },
  ug: {
    name: 'Open Knowledge Kampala',
    kind: 'thematic',
    country: 'UG',
    website: 'https://kampala.example.org',
    description:
      'A thematic group bringing Ugandan literature and the women who wrote it to free encyclopedias.',
  },
  de: {
    name: 'Freies Wissen Leipzig',
    kind: 'other',
    country: 'DE',
    website: 'https://leipzig.example.org',
    description:
      'Ein offener Stammtisch für alle, die in Leipzig freies Wissen schreiben, fotografieren und teilen.',
  },
  rs: {
    name: 'Слободно знање Србија',
    kind: 'chapter',
    country: 'RS',
    website: 'https://srbija.example.org',
    description:
      'Удружење волонтера који пишу о српској култури, историји и природи и преводе слободне садржаје.',
  },
};

type AuthorKey =
  'lucia' | 'martin' | 'wanjiru' | 'baraka' | 'neema' | 'nakato' | 'jonas' | 'milica' | 'stefan';

interface Persona {
  username: string;
  displayName: string;
  email: string;
  timeZone: string;
  org: OrgKey;
  bio: string;
}

const authors: Record<AuthorKey, Persona> = {
  lucia: {
    username: 'lucia',
    displayName: 'Lucía Fernández',
    email: 'lucia@buenos-aires.example.org',
    timeZone: 'America/Argentina/Buenos_Aires',
    org: 'ar',
    bio: 'Bibliotecaria en Boedo; organiza maratones de edición sobre científicas argentinas.',
  },
  martin: {
    username: 'martin',
    displayName: 'Martín Sosa',
    email: 'martin@buenos-aires.example.org',
    timeZone: 'America/Argentina/Buenos_Aires',
    org: 'ar',
    bio: 'Fotógrafo y editor voluntario; siempre lleva el mate y los alargues.',
  },
  wanjiru: {
    username: 'wanjiru',
    displayName: 'Wanjiru Kamau',
    email: 'wanjiru@nairobi.example.org',
    timeZone: 'Africa/Nairobi',
    org: 'ke',
    bio: 'Music journalist in Nairobi who writes about benga and the people who play it.',
  },
  baraka: {
    username: 'baraka',
    displayName: 'Baraka Mwakyusa',
    email: 'baraka@dar-es-salaam.example.org',
    timeZone: 'Africa/Dar_es_Salaam',
    org: 'tz',
    bio: 'Mkutubi wa chuo kikuu na mratibu wa matukio ya kuhariri makala za afya kwa Kiswahili.',
  },
  neema: {
    username: 'neema',
    displayName: 'Neema Massawe',
    email: 'neema@dar-es-salaam.example.org',
    timeZone: 'Africa/Dar_es_Salaam',
    org: 'tz',
    bio: 'Mwanafunzi wa udaktari anayetafsiri makala za afya kutoka Kiingereza kwenda Kiswahili.',
  },
  nakato: {
    username: 'nakato',
    displayName: 'Grace Nakato',
    email: 'grace@kampala.example.org',
    timeZone: 'Africa/Kampala',
    org: 'ug',
    bio: 'Literature teacher in Kampala, mentoring new editors who write about Ugandan women writers.',
  },
  jonas: {
    username: 'jonas',
    displayName: 'Jonas Weißmann',
    email: 'jonas@leipzig.example.org',
    timeZone: 'Europe/Berlin',
    org: 'de',
    bio: 'Historiker mit Vorliebe für Industriekultur; betreut Neulinge beim Leipziger Stammtisch.',
  },
  milica: {
    username: 'милица',
    displayName: 'Милица Јовановић',
    email: 'milica@srbija.example.org',
    timeZone: 'Europe/Belgrade',
    org: 'rs',
    bio: 'Преводитељка из Београда; води маратоне уређивања и превела је приручник на српски.',
  },
  stefan: {
    username: 'stefan',
    displayName: 'Стефан Петровић',
    email: 'stefan@srbija.example.org',
    timeZone: 'Europe/Belgrade',
    org: 'rs',
    bio: 'Фотограф из Крагујевца који снима сеоске цркве Шумадије.',
  },
};

const authorRoles: Role[] = ['reader', 'translator', 'author'];

/** When each step happens (UTC). Users and organizations exist before any post. */
const times = {
  setup: '2026-08-03T08:00:00Z',
  event: '2026-08-10T08:00:00Z',
  jointCreated: '2026-10-06T14:20:00Z',
  jointSubmitted: '2026-10-12T16:05:00Z',
  jointPublished: '2026-10-14T09:00:00Z',
  esCreated: '2026-09-08T22:40:00Z',
  esSubmitted: '2026-09-10T13:15:00Z',
  esPublished: '2026-09-12T15:00:00Z',
  swCreated: '2026-09-30T17:30:00Z',
  swSubmitted: '2026-10-01T06:45:00Z',
  swPublished: '2026-10-03T07:30:00Z',
  deCreated: '2026-10-25T19:10:00Z',
  deSubmitted: '2026-10-26T08:30:00Z',
  dePublished: '2026-10-28T10:00:00Z',
  srCreated: '2026-11-04T18:00:00Z',
  srSubmitted: '2026-11-06T09:20:00Z',
  srPublished: '2026-11-09T08:00:00Z',
  draftCreated: '2026-11-16T15:50:00Z',
  reviewCreated: '2026-11-17T07:10:00Z',
  reviewSubmitted: '2026-11-18T11:40:00Z',
} as const;

/** The deps with a clock stopped at `iso`. */
function at(deps: ServiceDeps, iso: string): ServiceDeps {
  const date = new Date(iso);
  return { ...deps, clock: { now: () => new Date(date) } };
}

/**
 * The invented people's addresses reach nobody: they are opted out of every mail the site
 * sends on its own (their notices still show at the bell), so a first start does not queue
 * dozens of e-mails.
 */
async function optOutOfMail(deps: ServiceDeps, user: UserRecord): Promise<void> {
  for (const scope of OPT_OUT_SCOPES)
    await deps.store.notifications.addOptOut(user.id, scope, deps.clock.now().toISOString());
}

/** A demo persona's password: random, never shown; they sign in after a reset if ever. */
function unguessablePassword(): string {
  return randomBytes(24).toString('base64url');
}

/** The lock the start-up seed holds, so of instances starting at once one seeds. */
export const DEMO_SEED_LOCK = 'polyphony:seed-demo';

/**
 * Seeds the demo if the site has no users yet, once across instances: in one transaction
 * holding DEMO_SEED_LOCK (PostgreSQL advisory lock, SQLite write lock), so two instances
 * starting at once on an empty database do not both seed — the second waits, then finds the
 * users the first committed and returns null. A failed seed rolls back whole (media files
 * already written stay on disk, unreferenced). Returns null when the site was not empty.
 */
export async function seedDemoOnce(
  deps: ServiceDeps,
  assets: DemoAssets,
  options: { adminPassword: string },
): Promise<DemoResult | null> {
  return deps.store.locked(DEMO_SEED_LOCK, async (store) => {
    if ((await store.users.count()) > 0) return null;
    return seedDemo({ ...deps, store }, assets, options);
  });
}

/** Seeds a small realistic site through the real services. Call only on an empty database. */
export async function seedDemo(
  deps: ServiceDeps,
  assets: DemoAssets,
  options: { adminPassword: string },
): Promise<DemoResult> {
  if (assets.images.length === 0) throw new Error('seedDemo needs at least one image');
  const setup = at(deps, times.setup);

  const admin = await createUser(
    setup,
    {
      username: 'admin',
      displayName: 'Site Admin',
      email: 'admin@polyphony.example.org',
      password: options.adminPassword,
      timeZone: 'UTC',
    },
    ['admin'],
  );
  const editor = await createUser(
    setup,
    {
      username: 'amani',
      displayName: 'Amani Odhiambo',
      email: 'amani@polyphony.example.org',
      password: unguessablePassword(),
      timeZone: 'Africa/Nairobi',
    },
    ['reader', 'translator', 'reviewer', 'editor'],
  );
  await optOutOfMail(setup, editor);

  await seedDemoGlossary(setup, editor);

  // The demo community publishes translations from half their segments (a site setting the
  // administrator changes at /admin/settings), so the Swahili translation below reaches readers.
  await applySiteSettings(setup);
  const { values } = siteSettingsView(setup, admin);
  await updateSiteSettings(setup, admin, {
    siteName: values.siteName,
    siteDescription: values.siteDescription,
    defaultLanguage: values.defaultLanguage,
    minCompletion: '50',
    requireReview: values.publication.requireReview,
    editorsAnyCompletion: values.publication.editorsAnyCompletion,
    translationEditsGoLive: values.translationEditsGoLive,
    translatorRoleAtSignUp: values.translatorRoleAtSignUp,
  });

  const orgs = {} as Record<OrgKey, OrganizationRecord>;
  for (const key of Object.keys(organizations) as OrgKey[]) {
    orgs[key] = await createOrganization(setup, admin, organizations[key]);
  }

  const people = {} as Record<AuthorKey, UserRecord>;
  for (const key of Object.keys(authors) as AuthorKey[]) {
    const persona = authors[key];
    const user = await createUser(
      setup,
      {
        username: persona.username,
        displayName: persona.displayName,
        email: persona.email,
        password: unguessablePassword(),
        timeZone: persona.timeZone,
        bio: persona.bio,
      },
      authorRoles,
    );
    await optOutOfMail(setup, user);
    await addOrganizationMember(setup, admin, orgs[persona.org].slug, user.id);
    people[key] = user;
  }

  const summit: EventRecord = {
    id: deps.newId(),
    slug: 'open-knowledge-summit-2026',
    name: 'Open Knowledge Summit 2026',
    startsOn: '2026-09-24',
    endsOn: '2026-09-26',
    location: 'Nairobi, Kenya',
    url: 'https://summit.example.org',
  };
  await deps.store.posts.createEvent(summit);

  const image = (index: number) => assets.images[index % assets.images.length]!;
  const uploadAt = at(deps, times.jointCreated);
  const banner = await uploadMedia(uploadAt, people.lucia, {
    filename: image(0).name,
    data: image(0).data,
    expect: 'image',
    alt: bannerAlt,
  });
  const workshop = await uploadMedia(uploadAt, people.lucia, {
    filename: image(1).name,
    data: image(1).data,
    expect: 'image',
    alt: workshopAlt,
  });
  const playbook = await uploadMedia(uploadAt, people.lucia, {
    filename: 'shared-edit-a-thon-playbook.pdf',
    data: assets.playbookPdf,
    expect: 'document',
  });
  const shelves = await uploadMedia(at(deps, times.esCreated), people.martin, {
    filename: image(2).name,
    data: image(2).data,
    expect: 'image',
    alt: shelvesAlt,
  });

  const order: AuthorKey[] = ['lucia', 'wanjiru', 'baraka', 'nakato', 'jonas', 'milica'];
  const jointInput: PostInput = {
    language: 'en',
    slug: 'four-continents-one-playbook',
    title:
      'Four continents, one playbook: how six communities learned to run edit-a-thons together',
    excerpt:
      'Six volunteer communities in Argentina, Kenya, Tanzania, Uganda, Germany and Serbia wrote one edit-a-thon playbook together, tested it in six cities and presented it at the Open Knowledge Summit. Here is the story, the PDF and six short interviews.',
    body: jointBody(workshop, playbook),
    featuredMediaId: banner.id,
    featuredAlt: bannerAlt,
    authorIds: order.map((key) => people[key].id),
    organizationIds: (['ar', 'ke', 'tz', 'ug', 'de', 'rs'] as const).map((key) => orgs[key].id),
    tags: ['edit-a-thon', 'collaboration', 'playbook'],
    categories: ['Community'],
    eventIds: [summit.id],
  };
  const joint = await publishedPost(deps, editor, people.lucia, jointInput, [
    times.jointCreated,
    times.jointSubmitted,
    times.jointPublished,
  ]);

  await publishedPost(
    deps,
    editor,
    people.lucia,
    {
      language: 'es',
      title: 'Científicas del Río de la Plata: crónica de nuestra maratón de edición',
      excerpt:
        'Treinta y dos personas, una biblioteca popular de Boedo y un sábado entero para escribir sobre químicas, astrónomas y médicas que casi no aparecían en internet.',
      body: spanishBody,
      featuredMediaId: shelves.id,
      featuredAlt: 'Ilustración de estantes de biblioteca llenos de libros de colores',
      authorIds: [people.lucia.id, people.martin.id],
      organizationIds: [orgs.ar.id],
      tags: ['edit-a-thon', 'ciencia'],
      categories: ['Events'],
    },
    [times.esCreated, times.esSubmitted, times.esPublished],
  );

  await publishedPost(
    deps,
    editor,
    people.baraka,
    {
      language: 'sw',
      title: 'Makala za afya kwa Kiswahili: tulichojifunza Dar es Salaam',
      excerpt:
        'Wahariri ishirini na watano, maktaba ya chuo kikuu na siku nzima ya kuboresha makala za afya kwa Kiswahili.',
      body: swahiliBody,
      authorIds: [people.baraka.id, people.neema.id],
      organizationIds: [orgs.tz.id],
      tags: ['afya', 'edit-a-thon'],
      categories: ['Events'],
    },
    [times.swCreated, times.swSubmitted, times.swPublished],
  );

  await publishedPost(
    deps,
    editor,
    people.jonas,
    {
      language: 'de',
      title: 'Industriekultur im Netz: unser Edit-a-thon in der alten Spinnerei',
      excerpt:
        'Einundzwanzig Menschen, eine ehemalige Fabrikhalle im Leipziger Westen und ein Samstag voller Artikel über Spinnereien, Druckereien und Gasometer.',
      body: germanBody,
      featuredMediaId: workshop.id,
      featuredAlt: workshopAlt,
      authorIds: [people.jonas.id],
      organizationIds: [orgs.de.id],
      tags: ['Industriekultur', 'edit-a-thon'],
      categories: ['Events'],
    },
    [times.deCreated, times.deSubmitted, times.dePublished],
  );

  await publishedPost(
    deps,
    editor,
    people.milica,
    {
      language: 'sr-Cyrl',
      title: 'Сеоске цркве Шумадије: како смо писали заједно',
      excerpt:
        'Двадесет осам волонтера, читаоница у Крагујевцу и један дан посвећен малим црквама које су ван свог села готово непознате.',
      body: serbianBody,
      authorIds: [people.milica.id, people.stefan.id],
      organizationIds: [orgs.rs.id],
      tags: ['цркве', 'edit-a-thon'],
      categories: ['Events'],
    },
    [times.srCreated, times.srSubmitted, times.srPublished],
  );

  await createPost(at(deps, times.draftCreated), people.wanjiru, {
    language: 'en',
    title: 'Benga, taarab and a borrowed projector: notes from our Nairobi music edit-a-thon',
    excerpt: 'Draft: photos and final numbers still to come.',
    body: draftBody,
    authorIds: [people.wanjiru.id],
    organizationIds: [orgs.ke.id],
    tags: ['music', 'edit-a-thon'],
    categories: ['Events'],
  });

  const review = await createPost(at(deps, times.reviewCreated), people.nakato, {
    language: 'en',
    title: 'Thirty days later: who is still editing after our Kampala edit-a-thon?',
    excerpt:
      'We counted how many newcomers from our edit-a-thon on Ugandan women writers were still editing a month later, and asked them why.',
    body: reviewBody,
    authorIds: [people.nakato.id],
    organizationIds: [orgs.ug.id],
    tags: ['edit-a-thon', 'newcomers'],
    categories: ['Community'],
  });
  await submitPost(at(deps, times.reviewSubmitted), people.nakato, review.id);

  if (assets.translations)
    await seedDemoTranslations(
      deps,
      joint,
      jointInput,
      {
        spanishTranslator: people.martin,
        swahiliTranslator: people.neema,
        reviewer: editor,
        author: people.lucia,
        editor,
      },
      assets.translations,
    );

  return {
    adminUsername: admin.username,
    featuredPostPath: postPath({
      language: joint.sourceLanguage,
      slug: joint.slug,
      publishedAt: joint.publishedAt,
    }),
    posts: 7,
  };
}

/** Author writes (creates), submits for review, editor publishes: each step at its own time. */
async function publishedPost(
  deps: ServiceDeps,
  editor: Actor,
  author: Actor,
  input: PostInput,
  [created, submitted, published]: [string, string, string],
): Promise<PostRecord> {
  const post = await createPost(at(deps, created), author, input);
  await submitPost(at(deps, submitted), author, post.id);
  return publishPost(at(deps, published), editor, post.id);
}

const bannerAlt =
  'Six coloured circles linked by curved lines across a dark blue map: one in South America, three in East Africa and two in Europe';
const workshopAlt =
  'Illustration of an edit-a-thon seen from above: people with laptops around a long table, a mentor standing beside them and a video call on a screen';
const shelvesAlt = 'Illustration of library shelves full of colourful books';

function jointBody(workshop: MediaRecord, playbook: MediaRecord): string {
  return `When six volunteer communities first met on a video call in February 2026, they had little in common beyond a shared spreadsheet and a shared frustration. Each of them had run edit-a-thons for years, and each had rewritten the same checklist from scratch every time a new organizer took over. Buenos Aires kept theirs in a notebook, Nairobi in a group chat, Leipzig on a wiki page that nobody could find. Eight months later, the six communities have one playbook, written together, tested in six cities and translated into five languages.

This post tells how it happened, what we learned, and where to find the result.

## From six checklists to one

The idea came from a simple comparison. Early in 2026, Conocimiento Libre Buenos Aires and Maarifa Huru Nairobi each published a report on their latest edit-a-thon, and a volunteer who read both noticed that the two "lessons learned" sections were almost identical: start on time, check the account-creation limit of the venue, put a mentor at every table, take the group photo before people leave. If two communities eleven thousand kilometres apart kept learning the same lessons, perhaps they could stop learning them separately.

We invited four more communities — Jamii ya Wahariri in Dar es Salaam, Open Knowledge Kampala, Freies Wissen Leipzig and Слободно знање Србија in Belgrade — and set ourselves a modest goal: **one playbook that any of us could hand to a first-time organizer**, short enough to print and specific enough to follow.

## Working across three time zones

Our calls took place at two in the afternoon UTC, the one hour that is late morning in Buenos Aires, mid-afternoon in Leipzig and Belgrade and early evening in Nairobi, Dar es Salaam and Kampala. We met every second Thursday, kept our notes in one shared document, and agreed on three rules that turned out to matter more than any tool:

1. Every decision is written down in plain English and in at least one other language before the call ends.
2. Nobody is the expert: each community owns one chapter of the playbook, and the others review it.
3. Nothing goes into the final text before it has been tried at a real event.

The third rule slowed us down, and it was the best decision we made. Between April and August, every partner ran at least one edit-a-thon with the draft: women scientists of the Río de la Plata in Buenos Aires, Kenyan musicians in Nairobi, Swahili health articles in Dar es Salaam, Ugandan women writers in Kampala, industrial heritage in Leipzig and village churches of Šumadija in Kragujevac. After each event the organizers filled in a short retrospective — keep, drop, try — and the playbook changed.

Some changes were small. The Kampala team noticed that newcomers who saved an edit in their first hour were far more likely to come back, so "every newcomer saves one edit in the first hour" became the golden rule of page two. Others were bigger. Leipzig and Belgrade introduced the **remote buddy**, a volunteer from a partner community who joins by video and reviews new edits live, and by the summer every event had one. Newcomers in Dar es Salaam were welcomed by an editor in Belgrade; Leipzig's first-time writers got their first thank-you message from Buenos Aires.

:::figure{media="${workshop.id}" alt="${workshopAlt}"}
An edit-a-thon as the playbook imagines it: a mentor at every table and a _remote buddy_ on the screen.
:::

## What is in the playbook

The result is a three-page PDF that you can print, adapt and share under [CC BY-SA 4.0](https://creativecommons.org/licenses/by-sa/4.0/):

- a checklist for the weeks **before** the day, starting four to six weeks ahead;
- six roles, from host to documenter, and how many people each one needs;
- a one-day timetable that has now survived six very different cities;
- checklists for **during** and **after** the day, including the retrospective;
- four measures that tell you whether the day worked — the most important being how many newcomers are still editing thirty days later.

::attachment[The Shared Edit-a-thon Playbook (PDF)]{media="${playbook.id}"}

## Watch the session

We presented the playbook at the [Open Knowledge Summit 2026](https://summit.example.org) in Nairobi in September, in a packed Hall B on the second day. The recording of the whole day is online, and **our session on the playbook starts at 2:12:30**: the video below opens right at that moment. Nothing is loaded from the video site until you press play.

::video{url="https://www.youtube.com/watch?v=Pq7xL2mVw9k" start="2:12:30" title="Open Knowledge Summit 2026, day 2: Four continents, one playbook"}

## What comes next

The playbook is a living document. Each partner will run at least two more edit-a-thons before June 2027 and bring the retrospectives back to our Thursday calls. We are also looking for communities in Asia and Oceania who would like to try it: if that is you, write to any of us. And if you are reading this in English but think in another language, please help us translate this post — the invitation is at the end of the page.

## Interviews

We asked one person from each community about the collaboration. Some questions came back more than once.

### Lucía Fernández, Conocimiento Libre Buenos Aires

**What surprised you most about the playbook?**

How similar our problems were. We thought a Saturday in Buenos Aires, with the mate going round the table, had nothing to do with a Saturday in Leipzig, but the same three things went wrong in both places. Now, at least, they go wrong less often.

### Wanjiru Kamau, Maarifa Huru Nairobi

**Which part of the playbook do you use most?**

The timetable. Nairobi traffic means half the room arrives at ten rather than half past nine, so we moved the training block and wrote that into the Kenyan version. The playbook works because it lets us change it.

### Baraka Mwakyusa, Jamii ya Wahariri Dar es Salaam

**What did Dar es Salaam add to the playbook?**

The sources librarian. Many good sources about Tanzania are in Swahili and on paper, in the university library, not online. Having a librarian at the table with the books changed what our participants could write.

### Grace Nakato, Open Knowledge Kampala

**What did Kampala add to the playbook?**

A rule for first-time organizers: make sure every newcomer saves something in the first hour, even if it is only a comma. At our event on Ugandan women writers, the people who published early were the ones still editing a month later. And buy more extension cables than you think you need.

### Jonas Weißmann, Freies Wissen Leipzig

**What did Leipzig add to the playbook?**

The remote buddies, and they worked better than we dared to hope. An editor in Belgrade reviewed our newcomers' first articles within minutes, and one participant said it felt as if the whole movement was in the room. We met in an old cotton-mill hall; the Wi-Fi was the only thing there that was not built to industrial strength.

### Милица Јовановић, Слободно знање Србија

**What surprised you most about the playbook?**

That it needed translating at all. A checklist in a language you do not think in is a checklist you do not read. We translated it into Serbian, in Cyrillic, before our event on village churches, and the volunteers from Šumadija used it without asking me a single question. That is the best review a document can get.
`;
}

const spanishBody = `Durante un sábado entero de fines de agosto, treinta y dos personas nos reunimos en una biblioteca popular de Boedo para escribir sobre científicas del Río de la Plata: químicas, astrónomas, médicas y naturalistas cuyas vidas apenas aparecían en internet. Para diecinueve de ellas era su primera edición.

Probamos por primera vez el borrador del **manual compartido de maratones de edición** que estamos escribiendo con comunidades de Kenia, Tanzania, Uganda, Alemania y Serbia. Algunas cosas funcionaron de inmediato: el cronograma, un mentor en cada mesa y la regla de oro de que cada persona nueva guarde al menos una edición en la primera hora.

Otras nos sorprendieron. A media tarde se conectó por videollamada un editor de Leipzig, que revisó en vivo los primeros artículos y dejó mensajes de agradecimiento en castellano, con un poco de ayuda del traductor. Fue el momento más comentado del día, junto con el mate, que no dejó de circular ni un minuto.

## En números

- 32 participantes, 19 de ellas y ellos por primera vez
- 14 artículos nuevos y 27 mejorados
- 112 referencias añadidas, la mitad sacadas de libros de la propia biblioteca

Lo que más nos costó fue encontrar fuentes publicadas sobre las científicas del siglo XIX; por eso, para la próxima maratón, vamos a preparar la lista de lecturas con dos semanas de anticipación y a pedir ayuda a la [hemeroteca del barrio](https://buenos-aires.example.org/hemeroteca).

Gracias a la biblioteca por abrirnos sus puertas un sábado y a todas las personas que vinieron. ¡Nos vemos en noviembre!
`;

const swahiliBody = `Jumamosi iliyopita, wahariri ishirini na watano walikutana katika maktaba ya chuo kikuu hapa Dar es Salaam kwa siku nzima ya kuandika na kuboresha makala za afya kwa Kiswahili. Zaidi ya nusu yao walikuwa wanahariri kwa mara ya kwanza.

Lengo letu lilikuwa rahisi: kuboresha makala kuhusu magonjwa yanayogusa watu wengi katika jamii zetu, kama malaria, kisukari na shinikizo la damu, na kuandika makala mpya pale ambapo hapakuwa na chochote.

## Tulichojifunza

- **Vyanzo vya karatasi ni hazina.** Mkutubi wetu alileta vitabu na majarida ya afya yaliyoandikwa kwa Kiswahili ambayo hayapatikani mtandaoni.
- **Mhariri wa mbali anasaidia sana.** Mhariri kutoka Belgrade alipitia makala zetu mpya moja kwa moja kupitia simu ya video na kutuachia ujumbe wa pongezi.
- **Anza mapema.** Kila mshiriki mpya alihifadhi angalau badiliko moja katika saa ya kwanza, na wengi wao bado wanaendelea kuhariri leo.

Tulifuata mwongozo wa pamoja ambao tumeuandika pamoja na jumuiya za Argentina, Kenya, Uganda, Ujerumani na Serbia. Ratiba yake ilitusaidia kumaliza kwa wakati, ingawa mvua ya asubuhi ilichelewesha baadhi ya washiriki.

Mwisho wa siku tulikuwa tumeboresha makala thelathini na moja na kuandika makala tisa mpya. Tunawashukuru washiriki wote, maktaba kwa kutukaribisha, na wenzetu wa [Maarifa Huru Nairobi](https://nairobi.example.org) kwa ushauri wao.

Tukio lijalo litafanyika mwezi Desemba. Karibuni nyote!
`;

const germanBody = `Am vergangenen Samstag haben sich 21 Menschen in einer ehemaligen Fabrikhalle im Leipziger Westen getroffen, um gemeinsam über Industriekultur zu schreiben: über Spinnereien, Druckereien, Gasometer und die Menschen, die dort gearbeitet haben. Acht von ihnen hatten vorher noch nie einen Artikel bearbeitet.

Wir haben dabei zum zweiten Mal nach dem **gemeinsamen Edit-a-thon-Leitfaden** gearbeitet, den wir mit Partnern in Argentinien, Kenia, Tansania, Uganda und Serbien geschrieben haben. Besonders bewährt hat sich wieder die Rolle der „Remote-Buddys“: Diesmal saß Милица aus Belgrad am Bildschirm und hat die ersten Artikel unserer Neulinge innerhalb von Minuten gesichtet.

Was wir beim nächsten Mal anders machen:

- mehr Steckdosenleisten – die Halle ist groß, die Zahl der Steckdosen ist es nicht;
- die Literaturliste schon eine Woche vorher verschicken;
- eine zweite Mentorin für die Tische mit den Neulingen einplanen.

Das Ergebnis des Tages: neun neue Artikel, 23 überarbeitete und ein Stapel Fotos, die jetzt unter freier Lizenz verfügbar sind. Den Leitfaden als PDF findet ihr im [Beitrag über unsere Zusammenarbeit](/en/2026/10/14/four-continents-one-playbook).

Danke an alle, die gekommen sind, und an den Verein, der uns die Halle überlassen hat. Der nächste Termin steht schon fest: Ende Januar, wieder im Leipziger Westen.
`;

const serbianBody = `Прошле суботе двадесет осам волонтера окупило се у читаоници градске библиотеке у Крагујевцу да заједно пишу о сеоским црквама Шумадије. Многе од тих цркава су мале и скромне и готово непознате ван свог села, а неке чувају живопис стар више од двеста година.

Радили смо по **заједничком приручнику за маратоне уређивања**, који смо ове године написали са заједницама из Аргентине, Кеније, Танзаније, Уганде и Немачке. Приручник смо пре тога превели на српски, ћирилицом, и учесници су га користили без иједног питања.

Шта је најбоље функционисало:

- ментори за сваким столом, по један на шест учесника;
- библиотекарка са књигама из завичајног одељења;
- „другар на даљину“ из Најробија, који је уживо прегледао прве чланке и оставио поруке добродошлице.

На крају дана имали смо једанаест нових чланака, двадесет побољшаних и више од стотину фотографија под слободном лиценцом, које је Стефан снимио током лета обилазећи села око Крагујевца.

Хвала библиотеци на гостопримству и свим учесницима. Следећи маратон планирамо у марту, у Нишу, а сви детаљи биће на [сајту удружења](https://srbija.example.org).
`;

const draftBody = `Notes for the post about our October edit-a-thon on Kenyan musicians. Still to do: choose photos, check the numbers with the dashboard, ask Baraka about the taarab sources.

## What happened

Twenty-three people, one borrowed projector and a playlist that nobody agreed on. We worked on articles about benga and taarab musicians, most of whom had no article at all.

## Numbers (to check)

- 23 participants, 12 new
- 10 new articles, 18 improved
`;

const reviewBody = `A month after our edit-a-thon on Ugandan women writers, we went back to the dashboard to answer the only question that really matters: **who is still editing?**

Of the seventeen newcomers who came that Saturday, nine made at least one edit in the following thirty days, and five of them edited in every week of the month. Every one of those nine had saved an edit during the first hour of the event, which is exactly what the shared playbook's golden rule predicts.

We also asked the nine why they came back. The most common answer was not the training or the topic, but the thank-you message they received from a remote buddy in Belgrade or Buenos Aires on the day itself. One participant wrote that it was "the first time a stranger on another continent read something I wrote".

What we will change:

- send every newcomer a personal message one week after the event, not only on the day;
- run a short online follow-up session two weeks later, in the evening, when people are free;
- keep a list of small tasks for people who have only ten minutes.

The numbers are small, but they tell us where to put our energy next time.
`;
