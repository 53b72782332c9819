/** A responsive image: srcset from the resized variants, lazy by default. */
import type { ImageView } from '../post-view-types.js';

export function Picture({
  image,
  alt,
  sizes,
  eager,
}: {
  image: ImageView;
  alt: string;
  sizes: string;
  eager?: boolean;
}) {
  const srcset = [
    ...image.variants.map((v) => `${v.url} ${v.width}w`),
    ...(image.width ? [`${image.url} ${image.width}w`] : []),
  ].join(', ');
  return (
    <img
      src={image.variants.at(-1)?.url ?? image.url}
      srcset={srcset || undefined}
      sizes={srcset ? sizes : undefined}
      width={image.width ?? undefined}
      height={image.height ?? undefined}
      alt={alt}
      loading={eager ? 'eager' : 'lazy'}
      decoding="async"
    />
  );
}
