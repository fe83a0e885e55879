using System.Diagnostics;
using System.Text.Json;

namespace Stoa.Host.Tests.Web;

/// <summary>What astropy read from a VOTable: the first table's rows and first column, and every INFO (name, value).</summary>
internal sealed record VoTableReadBack(int? Rows, IReadOnlyList<string> Fields, IReadOnlyList<string> FirstColumn, IReadOnlyList<(string Name, string Value)> Infos);

/// <summary>
/// Reads a VOTable with astropy's strict parser (<c>verify='exception'</c>) under Debian's <c>/usr/bin/python3</c>,
/// not the pyenv one on PATH. A missing interpreter or astropy fails the test: an independent reader is the point.
/// </summary>
internal static class AstropyVoTable
{
    private const string Script = """
        import json, sys
        from astropy.io.votable import parse
        doc = parse(sys.argv[1], verify='exception')
        tables = list(doc.iter_tables())
        t = tables[0] if tables else None
        infos = [[i.name, i.value] for i in doc.infos] + [[i.name, i.value] for r in doc.resources for i in r.infos]
        print(json.dumps({
            'rows': len(t.array) if t is not None else None,
            'fields': [f.name for f in t.fields] if t is not None else [],
            'first': [str(v) for v in t.array[t.fields[0].name]] if t is not None else [],
            'infos': infos,
        }))
        """;

    public static VoTableReadBack Read(string path)
    {
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(path);
        using var python = Process.Start(start)!;
        var stderr = python.StandardError.ReadToEndAsync();
        var stdout = python.StandardOutput.ReadToEnd();
        python.WaitForExit();
        Assert.True(python.ExitCode == 0, $"astropy could not read {path}:\n{stderr.Result}");
        var root = JsonDocument.Parse(stdout).RootElement;
        return new VoTableReadBack(
            root.GetProperty("rows").ValueKind == JsonValueKind.Null ? null : root.GetProperty("rows").GetInt32(),
            [.. root.GetProperty("fields").EnumerateArray().Select(f => f.GetString()!)],
            [.. root.GetProperty("first").EnumerateArray().Select(f => f.GetString()!)],
            [.. root.GetProperty("infos").EnumerateArray().Select(i => (i[0].GetString()!, i[1].GetString() ?? string.Empty))]);
    }
}
