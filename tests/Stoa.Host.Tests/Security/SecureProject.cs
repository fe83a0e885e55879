using Stoa.Worktables;
using Stoa.Worktables.Model;
using Stoa.Worktables.Workflow;

namespace Stoa.Host.Tests.Security;

/// <summary>
/// A small project for the security tests, served by a real <c>stoa serve</c>: table 'maps' (key 'name'; a File
/// input 'map', an int 'n', an array of Files 'extras' and an Any 'meta') with rows 'a' and 'b', whose 'map' is a
/// file outside the project; Owner olga, Reader rita, and two more accounts with no role. Accounts are made with
/// the real <c>stoa user add</c>, so the access file is the one users get.
/// </summary>
internal sealed class SecureProject : IAsyncDisposable
{
    /// <summary>The accounts: user and password.</summary>
    public static readonly (string User, string Password)[] Accounts =
    [
        ("olga", "owner-password-1"),
        ("rita", "reader-password-3"),
        ("carl", "carl-password-4"),
        ("dave", "dave-password-5"),
    ];

    private SecureProject(string directory, string path)
    {
        Directory = directory;
        Path = path;
    }

    /// <summary>The folder holding the project.</summary>
    public string Directory { get; }

    /// <summary>The project file.</summary>
    public string Path { get; }

    /// <summary>The file row 'a' and 'b' name in 'map' (outside the project).</summary>
    public string SeedFile => System.IO.Path.Combine(Directory, "seed.fits");

    /// <summary>The server, once <see cref="ServeAsync"/> ran.</summary>
    public StoaServer Server { get; private set; } = null!;

    /// <summary>The password of <paramref name="user"/>.</summary>
    public static string PasswordOf(string user) => Accounts.Single(a => a.User == user).Password;

    /// <summary>Makes the project <paramref name="fileName"/> in <paramref name="directory"/> (a new temporary folder by default).</summary>
    public static SecureProject Create(string? directory = null, string fileName = "project.stoa")
    {
        directory ??= System.IO.Directory.CreateTempSubdirectory("stoa-sec-").FullName;
        var project = new SecureProject(directory, System.IO.Path.Combine(directory, fileName));
        File.WriteAllText(project.SeedFile, "SIMPLE  =                    T");
        var init = StoaProcess.Run(directory, null, "init", "-p", project.Path);
        Assert.True(init.ExitCode == 0, init.Stderr);
        foreach (var (user, password) in Accounts)
        {
            var add = StoaProcess.Run(directory, password, "user", "add", user, "-p", project.Path);
            Assert.True(add.ExitCode == 0, add.Stderr);
        }

        using var open = WorktableProject.Open(project.Path);
        var workflow = WorkflowDefinition.FromColumns(
            "maps",
            [
                ColumnDefinition.Input("name", ColumnType.String),
                ColumnDefinition.Input("map", ColumnType.File),
                ColumnDefinition.Input("n", ColumnType.Int),
                ColumnDefinition.Input("extras", ColumnType.Array(ColumnType.File).AsOptional()),
                ColumnDefinition.Input("meta", ColumnType.Any.AsOptional()),
            ],
            [],
            "inputs only; never run");
        var maps = open.CreateTableAs("olga", "maps", workflow, new WorktableOptions { KeyColumns = ["name"] });
        maps.AddRows([.. new[] { "a", "b" }.Select(n => (IReadOnlyDictionary<string, object?>)new Dictionary<string, object?>
        {
            ["name"] = n,
            ["map"] = new FileInfo(project.SeedFile),
            ["n"] = 1,
        })]);
        maps.Grant("rita", Stoa.Worktables.Access.WorktableRole.Reader);
        return project;
    }

    /// <summary>Starts <c>stoa serve</c> on the project with <paramref name="options"/>.</summary>
    public async Task<SecureProject> ServeAsync(params string[] options)
    {
        Server = await StoaServer.StartAsync(Directory, Path, Path + ".serve.log", options);
        return this;
    }

    /// <summary>A new client, not logged in, connecting from <paramref name="client"/> (a loopback address, 127.0.0.1 by default).</summary>
    public WebSession Client(string client = "127.0.0.1") => new(Server.BaseUrl, client);

    /// <summary>A client logged in as <paramref name="user"/>.</summary>
    public async Task<WebSession> LogInAsync(string user, string client = "127.0.0.1")
    {
        var session = Client(client);
        var response = await session.LogInAsync(user, PasswordOf(user));
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Redirect, $"login of {user}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return session;
    }

    public async ValueTask DisposeAsync()
    {
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }
    }
}
