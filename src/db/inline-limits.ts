/**
 * SQLite re-plans a statement whose LIMIT or OFFSET is a bound parameter every time it runs:
 * its planner reads the limit's value, so binding one marks the prepared statement expired
 * (better-sqlite3's build has SQLITE_ENABLE_STAT4), and the statement cache saved nothing —
 * ~20 µs on every listing page and every comment thread, more than running the query. The
 * dialect here compiles integer limits and offsets into the SQL text instead; any other value
 * stays a parameter. An integer literal cannot change what the statement means. (A compiler
 * rather than a plugin: a plugin's transformer copies every node of every query.)
 */
import { SqliteDialect, SqliteQueryCompiler, ValueNode } from 'kysely';
import type { LimitNode, OffsetNode, OperationNode, QueryCompiler } from 'kysely';

export class InlineLimitsCompiler extends SqliteQueryCompiler {
  protected override visitLimit(node: LimitNode): void {
    if (!this.#inline('limit ', node.limit)) super.visitLimit(node);
  }

  protected override visitOffset(node: OffsetNode): void {
    if (!this.#inline('offset ', node.offset)) super.visitOffset(node);
  }

  #inline(keyword: string, value: OperationNode): boolean {
    if (!ValueNode.is(value)) return false;
    const literal = value.value;
    if (typeof literal !== 'number' || !Number.isSafeInteger(literal)) return false;
    this.append(`${keyword}${String(literal)}`);
    return true;
  }
}

/** Kysely's SQLite dialect with integer limits and offsets written into the SQL. */
export class InlineLimitsSqliteDialect extends SqliteDialect {
  override createQueryCompiler(): QueryCompiler {
    return new InlineLimitsCompiler();
  }
}
