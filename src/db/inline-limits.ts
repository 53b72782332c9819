/**
 * SQLite re-plans a statement whose LIMIT or OFFSET is a bound parameter every time it runs:
 * its planner reads the limit's value, so binding one marks the prepared statement expired
 * (better-sqlite3's build has SQLITE_ENABLE_STAT4), and the statement cache saved nothing —
 * ~20 µs on every listing page and every comment thread, more than running the query. This
 * plugin writes integer limits and offsets into the SQL text instead; any other value stays a
 * parameter. An integer literal cannot change what the statement means.
 */
import { OperationNodeTransformer, ValueNode } from 'kysely';
import type {
  KyselyPlugin,
  LimitNode,
  OffsetNode,
  OperationNode,
  PluginTransformQueryArgs,
  PluginTransformResultArgs,
  QueryResult,
  RootOperationNode,
  UnknownRow,
} from 'kysely';

class InlineIntegers extends OperationNodeTransformer {
  protected override transformLimit(node: LimitNode): LimitNode {
    return { ...node, limit: inline(node.limit) };
  }

  protected override transformOffset(node: OffsetNode): OffsetNode {
    return { ...node, offset: inline(node.offset) };
  }
}

function inline(node: OperationNode): OperationNode {
  if (ValueNode.is(node) && !node.immediate && Number.isSafeInteger(node.value))
    return ValueNode.createImmediate(node.value);
  return node;
}

export class InlineLimitsPlugin implements KyselyPlugin {
  readonly #transformer = new InlineIntegers();

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    return this.#transformer.transformNode(args.node);
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}
