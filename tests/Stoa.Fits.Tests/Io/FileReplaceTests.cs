namespace Stoa.Fits.Tests.Io;

/// <summary>The write-then-replace step behind <see cref="FitsFile.Write(string, FitsHdu[])"/>.</summary>
public sealed class FileReplaceTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("speed-fits-replace-").FullName;

    [Fact]
    public void Replace_Puts_The_New_Content_In_Place_And_Leaves_No_Temporary_File()
    {
        var (target, temporary) = Files("a", "old", "new");

        FileReplace.Replace(temporary, target);

        Assert.Equal("new", File.ReadAllText(target));
        Assert.False(File.Exists(temporary));
        Assert.Single(Directory.GetFiles(_folder));
    }

    [Fact]
    public void Replace_Without_A_Target_Moves_The_File()
    {
        var (target, temporary) = Files("b", null, "new");

        FileReplace.Replace(temporary, target);

        Assert.Equal("new", File.ReadAllText(target));
        Assert.False(File.Exists(temporary));
    }

    [Fact]
    public void A_Reader_Open_On_The_Old_File_Keeps_Reading_It()
    {
        var (target, temporary) = Files("c", "old content", "new content");
        using var reader = new StreamReader(target);

        FileReplace.Replace(temporary, target);

        Assert.Equal("old content", reader.ReadToEnd());
        Assert.Equal("new content", File.ReadAllText(target));
    }

    private (string Target, string Temporary) Files(string name, string? old, string @new)
    {
        string target = Path.Combine(_folder, name + ".fits");
        string temporary = Path.Combine(_folder, $".{name}.tmp");
        if (old is not null)
        {
            File.WriteAllText(target, old);
        }

        File.WriteAllText(temporary, @new);
        return (target, temporary);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
