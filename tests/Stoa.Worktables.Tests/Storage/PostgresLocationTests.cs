using Stoa.Worktables.Errors;
using Stoa.Worktables.Storage.Postgres;

namespace Stoa.Worktables.Tests.Storage;

/// <summary>How a project location names a PostgreSQL database, and that its password never shows.</summary>
public sealed class PostgresLocationTests
{
    [Theory]
    [InlineData("postgresql://ann:p%40ss@db.example:5433/survey?sslmode=disable&application_name=x", "postgresql://ann@db.example:5433/survey", "survey")]
    [InlineData("postgres://ann@db.example/survey", "postgresql://ann@db.example/survey", "survey")]
    [InlineData("postgresql://ann:pw@[::1]:5432/s", "postgresql://ann@[::1]/s", "s")]
    [InlineData("Host=db.example;Port=5433;Username=ann;Password=pw;Database=survey", "postgresql://ann@db.example:5433/survey", "survey")]
    [InlineData("postgresql://ann@db.example", "postgresql://ann@db.example/ann", "ann")]
    public void A_location_is_parsed_and_shown_without_its_password(string location, string display, string database)
    {
        Assert.True(WorktableProject.IsDatabaseLocation(location));
        var parsed = PostgresLocation.Parse(location);
        Assert.Equal(display, parsed.Display);
        Assert.Equal(database, parsed.Database);
        Assert.Equal("ann", parsed.Builder.Username);
    }

    [Fact]
    public void Uri_parameters_and_escapes_reach_Npgsql()
    {
        var parsed = PostgresLocation.Parse("postgresql://ann:p%40ss@db.example:5433/survey?sslmode=disable&application_name=my%20app");
        Assert.Equal("p@ss", parsed.Builder.Password);
        Assert.Equal(Npgsql.SslMode.Disable, parsed.Builder.SslMode);
        Assert.Equal("my app", parsed.Builder.ApplicationName);
    }

    [Theory]
    [InlineData("survey.stoa")]
    [InlineData("/data/postgres/survey.stoa")]
    [InlineData("C:\\projects\\p.stoa")]
    public void A_file_path_is_not_a_database(string path) => Assert.False(WorktableProject.IsDatabaseLocation(path));

    [Theory]
    [InlineData("postgresql://ann:s3cret@db.example/survey?no_such_parameter=1")]
    [InlineData("Host=db.example;Password=s3cret;Bogus=1")]
    [InlineData("postgresql://ann:s3cret@/survey")]
    public void A_bad_location_is_a_one_line_error_without_the_password(string location)
    {
        var e = Assert.Throws<WorktableException>(() => PostgresLocation.Parse(location));
        Assert.DoesNotContain("s3cret", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }
}
