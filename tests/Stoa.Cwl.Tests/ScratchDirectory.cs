namespace Stoa.Cwl.Tests;

/// <summary>A temporary directory for one test class, deleted afterwards, with a helper to write files into it.</summary>
public abstract class ScratchDirectory : IDisposable
{
    protected string Dir { get; } = Directory.CreateTempSubdirectory("stoa-cwl-test-").FullName;

    public void Dispose()
    {
        Directory.Delete(Dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    protected string Write(string name, string text)
    {
        var path = Path.Combine(Dir, name);
        File.WriteAllText(path, text);
        return path;
    }
}
