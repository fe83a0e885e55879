using FsCheck.Xunit;
using Stoa.Tests.Shared;
using Xunit.Sdk;

namespace Stoa.Worktables.Tests.Fixtures;

/// <summary>Which store a test's project lives in.</summary>
public enum StoreKind
{
    /// <summary>A SQLite file in a temporary directory.</summary>
    Sqlite,

    /// <summary>A fresh database in the PostgreSQL server named by <c>STOA_TEST_POSTGRES</c>.</summary>
    Postgres,
}

/// <summary>The PostgreSQL case of a store theory: <c>[InlineData(StoreKind.Sqlite)] [PostgresData]</c>; skipped when no server is named (not under CI).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class PostgresDataAttribute : DataAttribute
{
    public PostgresDataAttribute() => Skip = TestPostgres.SkipReason;

    public override IEnumerable<object[]> GetData(System.Reflection.MethodInfo testMethod) => [[StoreKind.Postgres]];
}

/// <summary>An FsCheck property on the PostgreSQL store; skipped when no server is named (not under CI).</summary>
public sealed class PostgresPropertyAttribute : PropertyAttribute
{
    public PostgresPropertyAttribute() => Skip = TestPostgres.SkipReason;
}
