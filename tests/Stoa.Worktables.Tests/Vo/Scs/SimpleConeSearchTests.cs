using System.Xml.Linq;
using Stoa.Worktables.Access;
using Stoa.Worktables.Errors;
using Stoa.Worktables.Model;
using Stoa.Worktables.Tests.Fixtures;
using Stoa.Worktables.Vo.Scs;
using Stoa.Worktables.Workflow;

namespace Stoa.Worktables.Tests.Vo.Scs;

/// <summary>Simple Cone Search 1.03 requests: parameters, answers and the error document (section 2, item 3).</summary>
public sealed class SimpleConeSearchTests : IDisposable
{
    private static readonly XNamespace V = "http://www.ivoa.net/xml/VOTable/v1.3";
    private readonly ScratchProject _s = new();

    public SimpleConeSearchTests() => _s.Project.AddUser("olive");

    public void Dispose() => _s.Dispose();

    private static KeyValuePair<string, string?>[] Query(string text) =>
        [.. text.Split('&', StringSplitOptions.RemoveEmptyEntries).Select(p => p.Split('=', 2)).Select(p => KeyValuePair.Create(p[0], (string?)p[1]))];

    private UserWorktable Stars()
    {
        var t = _s.Project.CreateTableAs("olive", "stars", WorkflowDefinition.FromColumns("stars",
            [
                ColumnDefinition.Input("name", ColumnType.String),
                ColumnDefinition.Input("ra", ColumnType.Double) with { Unit = "deg", Ucd = "pos.eq.ra;meta.main" },
                ColumnDefinition.Input("dec", ColumnType.Double) with { Unit = "deg", Ucd = "pos.eq.dec;meta.main" },
            ], [], "stars"));
        t.AddRows([
            new Dictionary<string, object?> { ["name"] = "near", ["ra"] = 10.0, ["dec"] = 20.0 },
            new Dictionary<string, object?> { ["name"] = "close", ["ra"] = 10.05, ["dec"] = 20.0 },
            new Dictionary<string, object?> { ["name"] = "far", ["ra"] = 190.0, ["dec"] = -20.0 },
        ]);
        return t;
    }

    [Theory]
    [InlineData("RA=10&DEC=20&SR=1", 10, 20, 1)]
    [InlineData("ra=359.5&Dec=-90&sr=180&VERB=3", 359.5, -90, 180)]
    [InlineData("RA=1e1&DEC=+2.5&SR=0", 10, 2.5, 0)]
    public void Parameters_Are_Read_In_Any_Case_Others_Ignored(string query, double ra, double dec, double sr)
    {
        Assert.True(ConeSearchRequest.TryParse(Query(query), out var request, out var error), error);
        Assert.Equal(new ConeSearchRequest(ra, dec, sr), request);
    }

    [Theory]
    [InlineData("RA=10&DEC=20", "missing parameter SR: Simple Cone Search needs RA, DEC and SR in decimal degrees.")]
    [InlineData("DEC=20&SR=1", "missing parameter RA: Simple Cone Search needs RA, DEC and SR in decimal degrees.")]
    [InlineData("RA=10&DEC=20&SR=1&sr=2", "SR is given 2 times; give it once.")]
    [InlineData("RA=10&DEC=20&SR=wide", "SR: 'wide' is not a decimal number of degrees.")]
    [InlineData("RA=10&DEC=20&SR=", "SR: '' is not a decimal number of degrees.")]
    [InlineData("RA=10&DEC=95&SR=1", "DEC must be between -90 and 90 degrees (IVOA Simple Cone Search). Given: 95.")]
    [InlineData("RA=360.5&DEC=0&SR=1", "RA must be between 0 and 360 degrees (IVOA Simple Cone Search). Given: 360.5.")]
    [InlineData("RA=10&DEC=20&SR=-1", "SR must be between 0 and 180 degrees (IVOA Simple Cone Search). Given: -1.")]
    [InlineData("RA=NaN&DEC=20&SR=1", "RA must be between 0 and 360 degrees (IVOA Simple Cone Search). Given: NaN.")]
    public void A_Bad_Parameter_Is_One_Precise_Sentence(string query, string expected)
    {
        Assert.False(ConeSearchRequest.TryParse(Query(query), out var request, out var error));
        Assert.Null(request);
        Assert.Equal(expected, error);
    }

    [Fact]
    public void A_Search_Writes_The_Rows_In_The_Cone_Nearest_First()
    {
        var t = Stars();
        using var output = new MemoryStream();
        var answer = SimpleConeSearch.Write(t, Query("RA=10&DEC=20&SR=1"), output);

        Assert.Equal(new ConeSearchAnswer(2, null), answer);
        var doc = XDocument.Parse(System.Text.Encoding.UTF8.GetString(output.ToArray()));
        Assert.Equal(["near", "close"], doc.Descendants(V + "TR").Select(tr => tr.Elements(V + "TD").First().Value));
        Assert.Contains(doc.Descendants(V + "INFO"), i => (string?)i.Attribute("name") == "QUERY_STATUS" && (string?)i.Attribute("value") == "OK");
    }

    [Fact]
    public void Bad_Parameters_Write_The_Scs_Error_Document_And_Search_Nothing()
    {
        var t = Stars();
        using var output = new MemoryStream();
        var answer = SimpleConeSearch.Write(t, Query("RA=10&DEC=20"), output);

        Assert.Equal(0, answer.Rows);
        Assert.StartsWith("missing parameter SR", answer.Error, StringComparison.Ordinal);
        var doc = XDocument.Parse(System.Text.Encoding.UTF8.GetString(output.ToArray()));
        Assert.Empty(doc.Descendants(V + "TABLE"));
        var infos = doc.Descendants(V + "INFO").ToList();
        Assert.Contains(infos, i => (string?)i.Attribute("name") == "Error" && ((string?)i.Attribute("value"))!.StartsWith("missing parameter SR", StringComparison.Ordinal));
        Assert.Contains(infos, i => (string?)i.Attribute("name") == "QUERY_STATUS" && (string?)i.Attribute("value") == "ERROR");
    }

    [Fact]
    public void A_Table_Without_Positions_Is_Not_A_Bad_Query_But_An_Exception()
    {
        var t = _s.Project.CreateTableAs("olive", "plain", ScratchProject.Doubler());
        Assert.Throws<WorktableException>(() => SimpleConeSearch.Write(t, Query("RA=10&DEC=20&SR=1"), new MemoryStream()));
    }

    [Fact]
    public void A_User_Who_May_Not_Export_Is_Denied()
    {
        Stars();
        _s.Project.AddUser("rita");
        var rita = _s.Project.OpenTableAs("rita", "stars");
        Assert.Throws<AccessDeniedException>(() => SimpleConeSearch.Write(rita, Query("RA=10&DEC=20&SR=1"), new MemoryStream()));
    }
}
