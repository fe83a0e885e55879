namespace Stoa.Fits.Tests.Interop;

/// <summary>A temporary .fits path, deleted on dispose.</summary>
internal sealed class TempFile : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"stoa-fits-{Guid.NewGuid():N}.fits");

    public void Dispose()
    {
        if (File.Exists(Path))
        {
            File.Delete(Path);
        }
    }
}
