/**
 * The unit model: a post revision split into translatable units whose text is a tagged string
 * (XLIFF 2 style `pc`/`ph` codes pointing at the source's inline nodes), and the way back from
 * unit texts to a document. See README.md beside this file.
 */
export type {
  CodeInfo,
  PostDocument,
  SourceUnit,
  TaggedNode,
  TargetProblem,
  UnitKind,
  UnitRendering,
} from './types.js';
export { isUnitKind, unitKinds } from './types.js';
export { extractUnits } from './extract.js';
export { applyUnits, applyUnitsInPlace, OUTDATED_CLASS } from './apply.js';
export { checkTarget } from './check.js';
export {
  escapeTagged,
  parseTagged,
  plainText,
  serializeTagged,
  TaggedTextError,
  type TaggedTextProblem,
} from './tagged.js';
