/** The records `readWxr` hands over; declared with the import service that consumes them. */
export type * from '../../services/import/wxr-records.js';
