/**
 * WordPress attachments become media: the file is taken from the copy of `wp-content/uploads`
 * given with `--uploads`, matched by its path there (`_wp_attached_file`, else the part of the
 * URL after `/uploads/`). Without the file, the attachment is reported as missing and content
 * that shows it keeps pointing at the old address.
 */
import { uploadMedia } from '../media/upload-media.service.js';
import { idOf, record, stepDeps } from './import-context.js';
import type { ImportContext } from './import-context.js';
import { message } from './import-people.js';
import type { WxrItem } from './wxr-records.js';

/** What content may refer to: attachment id → media, and upload path → media. */
export class MediaIndex {
  private readonly byWpId = new Map<number, { id: string; alt: string }>();
  private readonly byPath = new Map<string, { id: string; alt: string }>();

  add(wpId: number, uploadPath: string | null, media: { id: string; alt: string }): void {
    this.byWpId.set(wpId, media);
    if (uploadPath) this.byPath.set(uploadPath, media);
  }

  byId(wpId: number): { id: string; alt: string } | null {
    return this.byWpId.get(wpId) ?? null;
  }

  /** The media an URL shows, any size variant (`kiosk-300x200.jpg` is `kiosk.jpg`). */
  resolve(url: string, wpId?: number): { id: string; alt: string } | null {
    if (wpId !== undefined && this.byWpId.has(wpId)) return this.byWpId.get(wpId)!;
    const path = uploadPathOf(url);
    if (!path) return null;
    return (
      this.byPath.get(path) ??
      this.byPath.get(path.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, '$1')) ??
      null
    );
  }
}

/** `https://old.example/wp-content/uploads/2024/03/a.jpg?x=1` → `2024/03/a.jpg`. */
export function uploadPathOf(url: string): string | null {
  const match = /\/uploads\/([^?#]+)/.exec(url);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}

export async function importAttachment(
  ctx: ImportContext,
  media: MediaIndex,
  item: WxrItem,
  at: Date,
): Promise<void> {
  const path =
    item.meta.find((m) => m.key === '_wp_attached_file')?.value ?? uploadPathOf(item.attachmentUrl);
  const alt = (
    item.meta.find((m) => m.key === '_wp_attachment_image_alt')?.value || item.title
  ).slice(0, 500);
  const entry = {
    kind: 'attachment' as const,
    wpId: String(item.postId),
    label: path ?? item.title,
  };
  const id = idOf(ctx, `attachment:${item.postId}#0`);
  try {
    if (await ctx.deps.store.media.findById(id)) {
      media.add(item.postId, path, { id, alt });
      record(ctx, { ...entry, outcome: 'unchanged', notes: [], id });
      return;
    }
    const data = path && ctx.uploads ? await ctx.uploads.read(path) : null;
    if (!data) {
      record(ctx, {
        ...entry,
        outcome: 'failed',
        notes: [
          ctx.uploads
            ? `missing file: ${path ?? item.attachmentUrl} is not in the uploads copy`
            : `missing file: no uploads directory was given (${path ?? item.attachmentUrl})`,
        ],
      });
      return;
    }
    const stored = await uploadMedia(stepDeps(ctx, `attachment:${item.postId}`, at), ctx.actor, {
      filename: path!.split('/').pop()!,
      data,
      expect: 'any',
      alt,
    });
    media.add(item.postId, path, { id: stored.id, alt });
    record(ctx, { ...entry, outcome: 'imported', notes: [], id: stored.id });
  } catch (error) {
    record(ctx, { ...entry, outcome: 'failed', notes: [message(error)] });
  }
}
