/**
 * The database as Kysely sees it. Column conventions are explained in the first migration:
 * text ids, ISO-8601 UTC instants as text, 0/1 integers for booleans, JSON as text.
 */
import type { Generated } from 'kysely';

export interface UsersTable {
  id: string;
  username: string;
  username_key: string;
  /** What the name looks like (UTS #39 skeleton); UNIQUE; null only for pre-existing look-alikes. */
  username_skeleton: string | null;
  display_name: string;
  email: string;
  password_hash: string | null;
  time_zone: string;
  bio: string;
  avatar_media_id: string | null;
  created_at: string;
  /** 0018: set while the account is suspended (it cannot sign in or act). */
  suspended_at: string | null;
  suspended_by: string | null;
  suspended_reason: Generated<string>;
  /** 0024: the language mail to the person is written in; null: the site default. */
  interface_language: string | null;
}

export interface UserRolesTable {
  user_id: string;
  role: string;
}

export interface SessionsTable {
  id_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

export interface PasswordResetsTable {
  token_hash: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** Fixed-window counters for per-account limits (migration 0005). */
export interface RateCountersTable {
  scope: string;
  key: string;
  window_start: string;
  count: number;
}

export interface OrganizationsTable {
  id: string;
  slug: string;
  name: string;
  kind: string;
  country: string | null;
  website: string | null;
  description: string;
  created_at: string;
  /** Migration 0021. */
  logo_media_id: Generated<string | null>;
}

export interface OrganizationMembersTable {
  organization_id: string;
  user_id: string;
  /** 'member' | 'coordinator' (migration 0021). */
  role: Generated<string>;
}

export interface MediaTable {
  id: string;
  kind: string;
  mime: string;
  filename: string;
  size: number;
  width: number | null;
  height: number | null;
  storage_key: string;
  variants: string;
  alt: string;
  uploaded_by: string | null;
  created_at: string;
}

export interface PostsTable {
  id: string;
  source_language: string;
  slug: string;
  status: string;
  current_revision: number;
  published_revision: number | null;
  published_at: string | null;
  scheduled_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
  /** 1 when an editor pinned it to the top of the home page (migration 0031). */
  sticky: Generated<number>;
  /** 'post' or 'page' (migration 0034; domain/post-kind.ts). */
  kind: Generated<string>;
}

export interface PostRevisionsTable {
  post_id: string;
  number: number;
  title: string;
  excerpt: string;
  body_markdown: string;
  body_doc: string;
  featured_media_id: string | null;
  featured_alt: string;
  metadata: string;
  saved_by: string | null;
  restored_from: number | null;
  created_at: string;
}

export interface PostSaveConflictsTable {
  id: string;
  post_id: string;
  base_revision: number;
  current_revision: number;
  submitted: string;
  user_id: string | null;
  created_at: string;
}

export interface PostAuthorsTable {
  post_id: string;
  user_id: string;
  position: number;
}

export interface PostOrganizationsTable {
  post_id: string;
  organization_id: string;
  position: number;
}

export interface TaxonomyTermsTable {
  id: string;
  kind: string;
  slug: string;
  name: string;
  /** 0018 */
  description: Generated<string>;
  /** The parent category (0032); null at the top and for tags. */
  parent_id: string | null;
}

export interface PostTermsTable {
  post_id: string;
  term_id: string;
}

export interface EventsTable {
  id: string;
  slug: string;
  name: string;
  starts_on: string | null;
  ends_on: string | null;
  location: Generated<string>;
  url: string | null;
  /** 0018 */
  description: Generated<string>;
}

export interface PostEventsTable {
  post_id: string;
  event_id: string;
}

export interface PostUnitsTable {
  post_id: string;
  revision: number;
  unit_id: string;
  position: number;
  path: string;
  kind: string;
  source: string;
  codes: string;
}

export interface TranslationsTable {
  id: string;
  post_id: string;
  language: string;
  slug: string;
  status: string;
  published_at: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface TargetsTable {
  translation_id: string;
  unit_id: string;
  text: string;
  state: string;
  previous_state: string | null;
  base_source: string | null;
  base_revision: number | null;
  version: number;
  provenance: string;
  translated_by: string | null;
  reviewed_by: string | null;
  updated_at: string;
  origin_text: string | null;
  origin_engine: string | null;
  origin_score: number | null;
}

export interface TargetHistoryTable {
  id: string;
  translation_id: string;
  unit_id: string;
  version: number;
  text: string;
  state: string;
  base_revision: number | null;
  provenance: string;
  action: string;
  comment: string | null;
  user_id: string | null;
  created_at: string;
  /** Snapshot of the target after a target-changing action (null on older rows). */
  base_source: string | null;
  previous_state: string | null;
  translated_by: string | null;
  reviewed_by: string | null;
  candidate_id: string | null;
}

export interface TargetCandidatesTable {
  id: string;
  translation_id: string;
  unit_id: string;
  text: string;
  text_hash: string;
  status: string;
  provenance: string;
  base_source: string;
  base_revision: number;
  based_on_version: number;
  author_id: string | null;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
  comment: string | null;
  origin_text: string | null;
  origin_engine: string | null;
  origin_score: number | null;
}

export interface TranslationPresenceTable {
  translation_id: string;
  user_id: string;
  seen_at: string;
}

export interface JobsTable {
  id: string;
  kind: string;
  payload: string;
  run_after: string;
  attempts: Generated<number>;
  last_error: string | null;
  created_at: string;
  done_at: string | null;
  /** Unique when set: enqueueing the same key again adds nothing. */
  dedupe_key: string | null;
  /** Jobs of one ordering key run in `sequence` order. */
  ordering_key: string | null;
  sequence: number | null;
  /** The runner holding the job, until its lease `claimed_until` runs out. */
  claimed_by: string | null;
  claimed_until: string | null;
  /** Parked after its last attempt failed (see last_error); never picked up again. */
  failed_at: string | null;
}

/** Per ordering key, the highest job sequence whose work has run. */
export interface JobSequencesTable {
  ordering_key: string;
  sequence: number;
  updated_at: string;
}

/** Glossary terms per language pair (migration 0009). */
export interface GlossaryTermsTable {
  id: string;
  source_language: string;
  target_language: string;
  term: string;
  term_key: string;
  lookup_key: string;
  search_key: string;
  /** NULL exactly when do_not_translate = 1. */
  translation: string | null;
  definition: string;
  part_of_speech: string;
  note: string;
  case_sensitive: number;
  do_not_translate: number;
  /** JSON array of strings. */
  forbidden: string;
  created_by: string | null;
  created_at: string;
  updated_by: string | null;
  updated_at: string;
}

/** Language pairs an administrator enabled machine translation for (migration 0010). */
export interface MtPairsTable {
  source_language: string;
  target_language: string;
  engine: string;
  enabled_by: string | null;
  enabled_at: string;
}

/** Machine translation results kept per engine, pair and source (migration 0010). */
export interface MtCacheTable {
  engine: string;
  source_language: string;
  target_language: string;
  source_hash: string;
  source: string;
  result: string;
  codes_placed: number;
  created_at: string;
}

/** Quality warnings on a translator's text (migration 0011); never deleted. */
export interface FindingsTable {
  id: string;
  translation_id: string;
  unit_id: string;
  target_version: number;
  /** SHA-256 (hex) of the checked text. */
  text_hash: string;
  saved_by: string | null;
  position: number;
  check_id: string;
  /** JSON object of the message's params. */
  params: string;
  message: string;
  created_at: string;
  superseded_at: string | null;
  dismissed_by: string | null;
  dismissed_at: string | null;
  dismiss_reason: string | null;
}

/** Translation memory entries (migration 0013); retired, never deleted. */
export interface MemoryEntriesTable {
  id: Generated<number>;
  source_language: string;
  target_language: string;
  /** 'unit' | 'sentence'. */
  kind: string;
  source: string;
  target: string;
  source_key_hash: string;
  target_hash: string;
  unit_target_hash: string;
  /** The neighbouring units' source key hashes; '' for none. */
  prev_hash: string;
  next_hash: string;
  source_length: number;
  match_tag: string;
  prefilter: string;
  provenance: string;
  post_id: string | null;
  translation_id: string;
  unit_id: string;
  user_id: string | null;
  created_at: string;
  uses: Generated<number>;
  retired_at: string | null;
  /** PostgreSQL only (migration 0015): the scoped trigram keys of `prefilter`. */
  fuzzy_grams?: number[];
}

/** Administrative actions (0016): inserted only. */
export interface AuditLogTable {
  id: string;
  at: string;
  actor_id: string | null;
  actor_name: string;
  action: string;
  subject_kind: string;
  subject_id: string;
  subject_label: string;
  /** JSON object text. */
  details: string;
}

/** The languages the site offers (0017), in menu order. */
export interface SiteLanguagesTable {
  tag: string;
  position: number;
  direction: string;
  /** Comma-separated canonical tags; may be empty. */
  fallback: string;
  reading: number;
  translating: number;
  added_at: string;
  added_by: string | null;
}

/** Site settings (0017): one JSON value per key. */
export interface SiteSettingsTable {
  key: string;
  value: string;
  updated_at: string;
  updated_by: string | null;
}

/** Volunteers' texts of interface messages (0019); at most one approved per (language, key). */
export interface InterfaceTranslationsTable {
  id: string;
  language: string;
  message_key: string;
  text: string;
  /** The English message the text was written against. */
  source_text: string;
  status: string;
  created_by: string | null;
  created_at: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
  comment: string | null;
}

/** 0018: languages a reviewer may review (none: every language) or a person translates. */
export interface UserLanguagesTable {
  user_id: string;
  language: string;
}

/** 0027: how often a person's digest is e-mailed, and when the last one was claimed. */
export interface DigestSubscriptionsTable {
  user_id: string;
  /** 'daily' | 'weekly' | 'off'. */
  frequency: string;
  last_sent_at: string | null;
  created_at: string;
  updated_at: string;
}

/** 0027: a digest narrowed to some organizations, tags (term ids) or authors (user ids). */
export interface DigestFiltersTable {
  user_id: string;
  /** 'organization' | 'tag' | 'author'. */
  kind: string;
  value: string;
}

/** 0026: each post's latest unit revision and its units (statistics, derived). */
export interface StatsPostsTable {
  post_id: string;
  revision: number;
  units: number;
}

/** 0026: each translation's done and outdated current units (statistics, derived). */
export interface StatsTranslationsTable {
  translation_id: string;
  post_id: string;
  language: string;
  status: string;
  units: number;
  done: number;
  outdated: number;
  category: string;
  eligible: number;
}

/** 0026: per translation and month, the net change of its done current units. */
export interface StatsTranslationMonthsTable {
  translation_id: string;
  post_id: string;
  language: string;
  month: string;
  delta: number;
  eligible: number;
}

/** 0026: how far the statistics' summary tables are folded in. */
export interface StatsRefreshTable {
  id: string;
  watermark: string;
}

export interface Database {
  api_tokens: ApiTokensTable;
  redirects: RedirectsTable;
  translation_references: TranslationReferencesTable;
  import_runs: ImportRunsTable;
  import_run_entries: ImportRunEntriesTable;
  users: UsersTable;
  user_roles: UserRolesTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
  rate_counters: RateCountersTable;
  organizations: OrganizationsTable;
  organization_members: OrganizationMembersTable;
  media: MediaTable;
  posts: PostsTable;
  post_revisions: PostRevisionsTable;
  post_save_conflicts: PostSaveConflictsTable;
  post_authors: PostAuthorsTable;
  post_organizations: PostOrganizationsTable;
  taxonomy_terms: TaxonomyTermsTable;
  post_terms: PostTermsTable;
  events: EventsTable;
  post_events: PostEventsTable;
  post_units: PostUnitsTable;
  translations: TranslationsTable;
  targets: TargetsTable;
  target_history: TargetHistoryTable;
  target_candidates: TargetCandidatesTable;
  translation_presence: TranslationPresenceTable;
  jobs: JobsTable;
  job_sequences: JobSequencesTable;
  mt_pairs: MtPairsTable;
  mt_cache: MtCacheTable;
  glossary_terms: GlossaryTermsTable;
  findings: FindingsTable;
  memory_entries: MemoryEntriesTable;
  audit_log: AuditLogTable;
  site_languages: SiteLanguagesTable;
  site_settings: SiteSettingsTable;
  interface_translations: InterfaceTranslationsTable;
  user_review_languages: UserLanguagesTable;
  user_translate_languages: UserLanguagesTable;
  digest_subscriptions: DigestSubscriptionsTable;
  digest_filters: DigestFiltersTable;
  content_translations: ContentTranslationsTable;
  sign_in_providers: SignInProvidersTable;
  user_identities: UserIdentitiesTable;
  sign_in_states: SignInStatesTable;
  comments: CommentsTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  email_opt_outs: EmailOptOutsTable;
  site_secrets: SiteSecretsTable;
  stats_posts: StatsPostsTable;
  stats_translations: StatsTranslationsTable;
  stats_translation_months: StatsTranslationMonthsTable;
  stats_refresh: StatsRefreshTable;
}

/** 0022: volunteers' texts of site content; at most one approved per (subject, field, language). */
export interface ContentTranslationsTable {
  id: string;
  subject_kind: string;
  subject_id: string;
  field: string;
  language: string;
  text: string;
  /** The original text the translation was written against. */
  source_text: string;
  status: string;
  created_by: string | null;
  created_at: string;
  reviewed_by: string | null;
  reviewed_at: string | null;
}

/** 0024: one notice to one person; `params` is JSON; email_state none|pending|sending|sent|failed. */
export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  params: string;
  link: string;
  created_at: string;
  read_at: string | null;
  email_state: Generated<string>;
  email_attempts: Generated<number>;
}

/** 0024: a person's e-mail choice per notification kind (no row: the kind's default). */
export interface NotificationPreferencesTable {
  user_id: string;
  kind: string;
  email: number;
}

/** 0024: one-click unsubscribes per person and scope (`notifications`, `digest`). */
export interface EmailOptOutsTable {
  user_id: string;
  scope: string;
  created_at: string;
}

/** 0024: secrets generated once per site (the unsubscribe-link key). */
export interface SiteSecretsTable {
  name: string;
  value: string;
  created_at: string;
}

/** 0025: readers' comments, per post and language version; one level of replies. */
export interface CommentsTable {
  id: string;
  post_id: string;
  language: string;
  parent_id: string | null;
  author_id: string | null;
  body: string;
  status: string;
  created_at: string;
  edited_at: string | null;
  deleted_at: string | null;
  deleted_by: string | null;
  moderated_by: string | null;
  moderated_at: string | null;
}

/** 0023: an OpenID Connect or plain OAuth 2 provider people sign in with. */
export interface SignInProvidersTable {
  id: string;
  slug: string;
  kind: string;
  label: string;
  issuer: string | null;
  authorization_endpoint: string | null;
  token_endpoint: string | null;
  profile_endpoint: string | null;
  subject_field: string;
  username_field: string;
  client_id: string;
  client_secret: string;
  scopes: string;
  enabled: number;
  new_user_role: string;
  created_at: string;
  updated_at: string;
}

/** 0023: which account a provider's subject signs in to; UNIQUE (provider, subject). */
export interface UserIdentitiesTable {
  provider_id: string;
  subject: string;
  user_id: string;
  /** The provider's user name exactly as it gave it. */
  provider_username: string;
  linked_at: string;
}

/** 0023: one sign-in or link started (single use, bound to the browser). */
export interface SignInStatesTable {
  state_hash: string;
  provider_id: string;
  browser_hash: string;
  nonce: string;
  code_verifier: string;
  intent: string;
  user_id: string | null;
  next: string;
  created_at: string;
  expires_at: string;
  used_at: string | null;
}

/** 0028: personal access tokens for /api/v1 (only the secret's SHA-256 hash is stored). */
export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  token_hash: string;
  prefix: string;
  /** Space-separated scopes (`read translate`). */
  scopes: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

/** 0029: old addresses (their `redirectKey`) answered with a 301 to a local path. */
export interface RedirectsTable {
  path: string;
  target: string;
  source: string;
  created_at: string;
}

export interface TranslationReferencesTable {
  post_id: string;
  language: string;
  source: string;
  title: string;
  body_markdown: string;
  unaligned: number;
  created_at: string;
}

/** 0033: WordPress imports started from the admin pages, and their report lines. */
export interface ImportRunsTable {
  id: string;
  file_name: string;
  file_bytes: number;
  with_uploads: number;
  status: string;
  running_slot: string | null;
  claimed_by: string | null;
  lease_until: string | null;
  attempts: number;
  cancel_requested: number;
  expected_lines: number | null;
  written_lines: number;
  groups_json: string | null;
  error: string | null;
  created_by: string;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

export interface ImportRunEntriesTable {
  run_id: string;
  line: number;
  kind: string;
  wp_id: string;
  label: string;
  outcome: string;
  notes_json: string;
  target_id: string | null;
}
