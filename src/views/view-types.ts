/** The small shapes views need; presenters build them from service records. */
export interface ViewUser {
  id: string;
  username: string;
  displayName: string;
  roles: readonly string[];
  /** Unread notifications (the header bell's count), when the request counted them. */
  unreadNotifications?: number;
}

export interface FieldErrors {
  [field: string]: string | undefined;
}

/** Turns a list of field problems into a lookup by field. */
export function fieldErrors(problems: readonly { field: string; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const p of problems)
    errors[p.field] = errors[p.field] ? `${errors[p.field]} ${p.message}` : p.message;
  return errors;
}
