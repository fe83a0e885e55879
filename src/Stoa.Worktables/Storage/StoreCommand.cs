using System.Data;
using System.Data.Common;

namespace Stoa.Worktables.Storage;

/// <summary>
/// Commands over the provider-neutral <see cref="DbConnection"/>, so that statements both stores run alike are
/// written once. Their SQL names parameters <c>@name</c>, which Npgsql and Microsoft.Data.Sqlite both accept; the
/// parameters themselves are named without the prefix (Microsoft.Data.Sqlite finds <c>@name</c> for <c>name</c>).
/// </summary>
internal static class StoreCommand
{
    /// <summary>A command on <paramref name="c"/> in <paramref name="tx"/>, its parameters bound by name.</summary>
    public static DbCommand Create(DbConnection c, DbTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var cmd = c.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = cmd.CreateParameter();
            p.ParameterName = name;

            // A null needs a type for PostgreSQL to accept it where it cannot infer one; text, as the stores' nulls are.
            if (value is null)
            {
                p.DbType = DbType.String;
                p.Value = DBNull.Value;
            }
            else
            {
                p.Value = value;
            }

            cmd.Parameters.Add(p);
        }

        return cmd;
    }

    /// <summary>Every row <paramref name="cmd"/> returns, each read by <paramref name="row"/>.</summary>
    public static List<T> ReadAll<T>(DbCommand cmd, Func<DbDataReader, T> row)
    {
        using var r = cmd.ExecuteReader();
        var list = new List<T>();
        while (r.Read())
        {
            list.Add(row(r));
        }

        return list;
    }

    /// <summary>The first column of every row <paramref name="cmd"/> returns, as ids.</summary>
    public static List<long> ReadIds(DbCommand cmd) => ReadAll(cmd, r => r.GetInt64(0));

    /// <summary>Times are kept as UTC ticks in both stores.</summary>
    public static long Ticks(DateTime utc) => utc.ToUniversalTime().Ticks;
}
