using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Execution;
using Stoa.Worktables.Hashing;
using Stoa.Worktables.Model;
using Stoa.Worktables.Storage;
using Stoa.Worktables.Storage.Sqlite;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables;

/// <summary>
/// A project: one SQLite file holding worktables, their rows and run history, with a content-addressed output
/// directory beside it (<c>&lt;file&gt;-outputs/</c>) — or one PostgreSQL database, shared by processes on many
/// machines, with its folders in the <see cref="FilesDirectory"/> recorded in it. The entry point of Stoa.Worktables. Any number of processes
/// may have a project open at once (readers never wait; writers wait for each other). A recompute holds the rows
/// it runs with a lease; opening a project puts the rows of expired leases (a process that died) back to Pending
/// and removes the scratch folders of the runs that died with it.
/// </summary>
public sealed partial class WorktableProject : IDisposable, IAsyncDisposable
{
    private readonly Dictionary<string, Worktable> _open = new(StringComparer.Ordinal);
    private bool _disposed;

    // filesPrefix: what the names of the output, work, workflow, log and bundle folders start with.
    private WorktableProject(string path, string filesDirectory, string filesPrefix, IWorktableStore store, WorktableProjectOptions options)
    {
        Path = path;
        FilesDirectory = filesDirectory;
        Executor = options.Executor ?? new Cwl.CwlRowExecutor();
        LoggerFactory = options.LoggerFactory;
        Logger = options.LoggerFactory?.CreateLogger("Stoa.Worktables") ?? NullLogger.Instance;
        Store = store;
        Hasher = new ContentHasher();
        Outputs = new OutputStore(filesPrefix + "outputs", Hasher);
        WorkDirectory = filesPrefix + "work";
        WorkflowDirectory = filesPrefix + "workflows";
        LogDirectory = filesPrefix + "logs";
        BundleDirectory = filesPrefix + "bundles";
    }

    /// <summary>
    /// The project file, or for a project in PostgreSQL its location as a <c>postgresql://user@host:port/database</c>
    /// URI (never with the password).
    /// </summary>
    public string Path { get; }

    /// <summary>Whether the project is kept in a PostgreSQL database (<see cref="Path"/> is then a URI, not a file).</summary>
    public bool IsShared => Store is Storage.Postgres.PostgresWorktableStore;

    /// <summary>
    /// The directory holding the project's output, work, workflow, log and bundle folders: beside the file for a
    /// SQLite project (its folders are named <c>&lt;file&gt;-outputs</c> etc.), the one recorded in the database at
    /// creation for a PostgreSQL project (<see cref="WorktableProjectOptions.FilesDirectory"/>).
    /// </summary>
    public string FilesDirectory { get; }

    /// <summary>The content-addressed directory holding every output file, named by SHA-1.</summary>
    public string OutputDirectory => Outputs.Root;

    /// <summary>The executor of every recompute that names none (<see cref="WorktableProjectOptions.Executor"/>).</summary>
    public IRowExecutor Executor { get; }

    /// <summary>The names of the project's worktables.</summary>
    public IReadOnlyList<string> TableNames => Store.TableNames();

    internal IWorktableStore Store { get; }

    internal ILogger Logger { get; }

    /// <summary>The factory of <see cref="WorktableProjectOptions.LoggerFactory"/>, handed to executors with each row.</summary>
    internal ILoggerFactory? LoggerFactory { get; }

    internal ContentHasher Hasher { get; }

    internal OutputStore Outputs { get; }

    internal string WorkDirectory { get; }

    /// <summary>Where each bound workflow version is kept, by hash (see <see cref="KeepVersion"/>).</summary>
    internal string WorkflowDirectory { get; }

    internal string LogDirectory { get; }

    /// <summary>Opens the project at <paramref name="path"/>, creating it when absent, and recovers from a crash.</summary>
    /// <param name="path">The project file, e.g. <c>survey.stoa</c>, or a PostgreSQL database, e.g. <c>postgresql://user@host:5432/survey</c> (see <see cref="IsDatabaseLocation"/>).</param>
    /// <returns>The open project; dispose it to close the file.</returns>
    /// <exception cref="ProjectInUseException">The project cannot be reached: another process held its write lock longer than the busy timeout (30 s), or the PostgreSQL server cannot be reached.</exception>
    /// <exception cref="WorktableException">The file is not a Stoa project, or is from a newer version.</exception>
    public static WorktableProject Open(string path) => Open(path, create: true, new WorktableProjectOptions());

    /// <summary>Opens the project at <paramref name="path"/> as <see cref="Open(string)"/> does, with <paramref name="options"/>.</summary>
    /// <param name="path">The project file, e.g. <c>survey.stoa</c>, or a PostgreSQL database, e.g. <c>postgresql://user@host:5432/survey</c> (see <see cref="IsDatabaseLocation"/>).</param>
    /// <param name="options">How rows run (the executor bound once for the project).</param>
    /// <returns>The open project; dispose it to close the file.</returns>
    /// <exception cref="ProjectInUseException">The project cannot be reached: another process held its write lock longer than the busy timeout (30 s), or the PostgreSQL server cannot be reached.</exception>
    /// <exception cref="WorktableException">The file is not a Stoa project, or is from a newer version.</exception>
    public static WorktableProject Open(string path, WorktableProjectOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Open(path, create: true, options);
    }

    /// <summary>
    /// Opens the existing project at <paramref name="path"/> as <see cref="Open(string)"/> does, but never creates
    /// one: a mistyped path is an error, not a new empty project (nor its output or work folders).
    /// </summary>
    /// <param name="path">The project file, e.g. <c>survey.stoa</c>, or a PostgreSQL database, e.g. <c>postgresql://user@host:5432/survey</c> (see <see cref="IsDatabaseLocation"/>).</param>
    /// <returns>The open project; dispose it to close the file.</returns>
    /// <exception cref="ProjectInUseException">The project cannot be reached: another process held its write lock longer than the busy timeout (30 s), or the PostgreSQL server cannot be reached.</exception>
    /// <exception cref="WorktableException">No project at <paramref name="path"/> ("no project at PATH"), the file is not a Stoa project, or is from a newer version.</exception>
    public static WorktableProject OpenExisting(string path) => Open(path, create: false, new WorktableProjectOptions());

    /// <summary>Opens the existing project at <paramref name="path"/> as <see cref="OpenExisting(string)"/> does, with <paramref name="options"/>.</summary>
    /// <param name="path">The project file, e.g. <c>survey.stoa</c>, or a PostgreSQL database, e.g. <c>postgresql://user@host:5432/survey</c> (see <see cref="IsDatabaseLocation"/>).</param>
    /// <param name="options">How rows run (the executor bound once for the project).</param>
    /// <returns>The open project; dispose it to close the file.</returns>
    /// <exception cref="ProjectInUseException">The project cannot be reached: another process held its write lock longer than the busy timeout (30 s), or the PostgreSQL server cannot be reached.</exception>
    /// <exception cref="WorktableException">No project at <paramref name="path"/>, the file is not a Stoa project, or is from a newer version.</exception>
    public static WorktableProject OpenExisting(string path, WorktableProjectOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return Open(path, create: false, options);
    }

    private static WorktableProject Open(string path, bool create, WorktableProjectOptions options)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Storage.Postgres.PostgresLocation.Names(path))
        {
            return OpenShared(Storage.Postgres.PostgresLocation.Parse(path), create, options);
        }

        var full = System.IO.Path.GetFullPath(path);
        if (!create && !File.Exists(full))
        {
            throw new WorktableException($"no project at {full}" + (Directory.Exists(full) ? " (a directory)." : "."));
        }

        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        return Opened(new SqliteWorktableStore(full), store => new WorktableProject(full, System.IO.Path.GetDirectoryName(full)!, full + "-", store, options));
    }

    /// <summary>
    /// A project in PostgreSQL: its files directory is the one recorded in the database when the project was created
    /// (from <see cref="WorktableProjectOptions.FilesDirectory"/>, or <c>./&lt;database&gt;.stoa-files</c>, made
    /// absolute then), so every process on a shared file system uses the same.
    /// </summary>
    private static WorktableProject OpenShared(Storage.Postgres.PostgresLocation location, bool create, WorktableProjectOptions options)
    {
        var store = Storage.Postgres.PostgresWorktableStore.Open(location, create,
            () => System.IO.Path.GetFullPath(options.FilesDirectory ?? location.Database + ".stoa-files"));
        return Opened(store, s =>
        {
            Directory.CreateDirectory(s.FilesDirectory);
            return new WorktableProject(location.Display, s.FilesDirectory, s.FilesDirectory + System.IO.Path.DirectorySeparatorChar, s, options);
        });
    }

    /// <summary>
    /// Whether <paramref name="location"/> names a PostgreSQL database (a <c>postgresql://</c> or <c>postgres://</c>
    /// URI, or an Npgsql connection string holding <c>Host=</c>) rather than a SQLite file: a host passes such a
    /// location to <see cref="Open(string)"/> as it is, where it would make a file path absolute.
    /// </summary>
    /// <param name="location">A project location.</param>
    /// <returns><see langword="true"/> for a database location.</returns>
    public static bool IsDatabaseLocation(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return Storage.Postgres.PostgresLocation.Names(location);
    }

    private static WorktableProject Opened<TStore>(TStore store, Func<TStore, WorktableProject> create)
        where TStore : IWorktableStore
    {
        try
        {
            var project = create(store);
            store.RecoverInterrupted(DateTime.UtcNow);
            JobFolder.RemoveAbandoned(project.WorkDirectory);
            return project;
        }
        catch
        {
            store.Dispose();
            throw;
        }
    }

    /// <summary>Creates a worktable bound to <paramref name="workflow"/>.</summary>
    /// <param name="name">The table name, unique in the project.</param>
    /// <param name="workflow">The workflow whose inputs and outputs become the columns.</param>
    /// <param name="options">Key columns and row template; default none.</param>
    /// <exception cref="WorktableException">The name is not an identifier (letters, digits, '_', '-', '.'), a table of that name exists, or a key column is not an input column.</exception>
    /// <exception cref="CellException">A template value does not fit its column.</exception>
    public Worktable CreateTable(string name, WorkflowDefinition workflow, WorktableOptions? options = null)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(workflow);
        TableName.Check(name);
        options ??= new WorktableOptions();
        foreach (var key in options.KeyColumns)
        {
            if (!workflow.Inputs.Any(c => c.Name == key))
            {
                throw new WorktableException($"table '{name}': key column '{key}' is not an input of workflow '{workflow.Name}'.");
            }
        }

        var template = Worktable.NormalizeTemplate(this, name, workflow, options.Template);
        KeepVersion(workflow);
        var record = Store.CreateTable(name, workflow.ToJson(), workflow.Hash, options.KeyColumns, template, workflow.TrackedFiles());
        return Remember(new Worktable(this, record));
    }

    /// <summary>
    /// Opens an existing worktable with the administrator's access: no role is checked (whoever can open the project
    /// file can change it anyway). A host acting for project users gives them <see cref="OpenTableAs"/> views instead.
    /// </summary>
    /// <param name="name">The table name.</param>
    /// <exception cref="WorktableException">No such table.</exception>
    public Worktable OpenTable(string name)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_open)
        {
            if (_open.TryGetValue(name, out var t))
            {
                return t;
            }
        }

        var record = Store.FindTable(name) ?? throw new WorktableException($"{Path}: no worktable named '{name}'.");
        return Remember(new Worktable(this, record));
    }

    /// <summary>Closes the project file, as <see cref="Dispose"/> does (closing is synchronous: a SQLite file).</summary>
    /// <returns>A completed task.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Closes the project file.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        Store.Dispose();
    }

    internal Worktable Remember(Worktable table)
    {
        lock (_open)
        {
            _open[table.Name] = table;
        }

        return table;
    }
}
