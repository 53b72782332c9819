/** The authoring pages' script (editor and media library): pickers and insert buttons. */
import { startInsertButtons } from './insert.js';
import { startPickers } from './pickers.js';

startPickers();
startInsertButtons();
