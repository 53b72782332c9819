/** A form field's value as a string: what a urlencoded or multipart body gives, '' otherwise. */
export const str = (v: unknown): string => (typeof v === 'string' ? v : '');
