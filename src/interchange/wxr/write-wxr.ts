/**
 * WordPress eXtended RSS 1.2 out, a piece at a time, for `polyphony export --format wxr`:
 * fast-xml-parser's XMLBuilder writes the elements (text escaped as entities, so no CDATA
 * section can be broken by its content), php-serialize the Polylang term descriptions.
 * WordPress's importer (SimpleXML) and our reader (read-wxr.ts) read it back.
 */
import { XMLBuilder } from 'fast-xml-parser';
import { serialize } from 'php-serialize';
import type {
  WxrOutChannel,
  WxrOutItem,
  WxrOutTerm,
  WxrWriter,
} from '../../services/export/wxr-model.js';

const builder = new XMLBuilder({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  format: true,
  indentBy: '  ',
  suppressEmptyNode: false,
});

const NAMESPACES = [
  'xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"',
  'xmlns:content="http://purl.org/rss/1.0/modules/content/"',
  'xmlns:wfw="http://wellformedweb.org/CommentAPI/"',
  'xmlns:dc="http://purl.org/dc/elements/1.1/"',
  'xmlns:wp="http://wordpress.org/export/1.2/"',
].join(' ');

/** Characters XML 1.0 cannot hold, dropped rather than making the file unreadable. */
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function text(value: string): string {
  return value.replace(NOT_XML, '');
}

function indent(xml: string, by: string): string {
  return xml
    .split('\n')
    .map((line) => (line === '' ? line : by + line))
    .join('\n');
}

function termDescription(term: WxrOutTerm): string {
  if (term.language)
    return serialize({ locale: term.language.locale, rtl: term.language.rtl ? 1 : 0 });
  if (term.group) return serialize(term.group);
  return term.description ?? '';
}

function termElement(term: WxrOutTerm): Record<string, unknown> {
  if (term.taxonomy === 'category')
    return {
      'wp:category': {
        'wp:term_id': term.id,
        'wp:category_nicename': text(term.slug),
        'wp:category_parent': text(term.parentSlug ?? ''),
        'wp:cat_name': text(term.name),
        'wp:category_description': text(term.description ?? ''),
      },
    };
  if (term.taxonomy === 'post_tag')
    return {
      'wp:tag': {
        'wp:term_id': term.id,
        'wp:tag_slug': text(term.slug),
        'wp:tag_name': text(term.name),
        'wp:tag_description': text(term.description ?? ''),
      },
    };
  return {
    'wp:term': {
      'wp:term_id': term.id,
      'wp:term_taxonomy': term.taxonomy,
      'wp:term_slug': text(term.slug),
      'wp:term_parent': '',
      'wp:term_name': text(term.name),
      'wp:term_description': text(termDescription(term)),
    },
  };
}

export const wxrWriter: WxrWriter = {
  open(channel: WxrOutChannel): string {
    const head = builder.build({
      title: text(channel.title),
      link: channel.link,
      description: text(channel.description),
      language: channel.language,
      'wp:wxr_version': '1.2',
      'wp:base_site_url': channel.link,
      'wp:base_blog_url': channel.link,
    });
    const authors = channel.authors
      .map((a) =>
        builder.build({
          'wp:author': {
            'wp:author_id': a.id,
            'wp:author_login': text(a.login),
            'wp:author_email': text(a.email),
            'wp:author_display_name': text(a.displayName),
            'wp:author_first_name': '',
            'wp:author_last_name': '',
          },
        }),
      )
      .join('');
    const terms = channel.terms.map((t) => builder.build(termElement(t))).join('');
    return (
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
      '<!-- A WordPress eXtended RSS file written by Polyphony (polyphony export, format wxr). -->\n' +
      `<rss version="2.0" ${NAMESPACES}>\n<channel>\n` +
      indent(head + authors + terms, '  ')
    );
  },

  item(item: WxrOutItem): string {
    const xml = builder.build({
      item: {
        title: text(item.title),
        link: item.link,
        pubDate: item.pubDate,
        'dc:creator': text(item.creator),
        guid: { '@isPermaLink': 'false', '#text': item.guid },
        description: '',
        'content:encoded': text(item.contentHtml),
        'excerpt:encoded': text(item.excerptHtml),
        'wp:post_id': item.id,
        'wp:post_date': item.date ?? '0000-00-00 00:00:00',
        'wp:post_date_gmt': item.date ?? '0000-00-00 00:00:00',
        'wp:comment_status': 'open',
        'wp:ping_status': 'closed',
        'wp:post_name': text(item.slug),
        'wp:status': item.status,
        'wp:post_parent': 0,
        'wp:menu_order': 0,
        'wp:post_type': item.type,
        'wp:post_password': '',
        'wp:is_sticky': item.sticky ? 1 : 0,
        ...(item.attachmentUrl ? { 'wp:attachment_url': item.attachmentUrl } : {}),
        category: item.terms.map((t) => ({
          '@domain': t.domain,
          '@nicename': text(t.nicename),
          '#text': text(t.name),
        })),
        'wp:postmeta': item.meta.map((m) => ({
          'wp:meta_key': text(m.key),
          'wp:meta_value': text(m.value),
        })),
        'wp:comment': item.comments.map((c) => ({
          'wp:comment_id': c.id,
          'wp:comment_author': text(c.author),
          'wp:comment_author_email': text(c.authorEmail),
          'wp:comment_author_url': '',
          'wp:comment_author_IP': '',
          'wp:comment_date': c.date,
          'wp:comment_date_gmt': c.date,
          'wp:comment_content': text(c.content),
          'wp:comment_approved': c.approved,
          'wp:comment_type': 'comment',
          'wp:comment_parent': c.parent,
          'wp:comment_user_id': c.userId,
        })),
      },
    });
    return indent(xml, '  ');
  },

  close(): string {
    return '</channel>\n</rss>\n';
  },
};
