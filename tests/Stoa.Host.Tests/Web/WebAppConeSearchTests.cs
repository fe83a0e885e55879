using Microsoft.Playwright;

namespace Stoa.Host.Tests.Web;

/// <summary>
/// <c>GET /t/{table}/scs</c> (IVOA Simple Cone Search 1.03) against the real <c>stoa serve</c>, from the Reader's
/// signed-in browser context, every answer read by astropy's strict VOTable parser.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class WebAppConeSearchTests(WebAppFixture app)
{
    [Theory]
    [InlineData("RA=10&DEC=20&SR=0.1")]
    [InlineData("ra=10&dec=20&sr=0.1")]
    [InlineData("Sr=0.1&Ra=10.0&Dec=20.000&VERB=3")]
    public async Task Valid_Query_Answers_A_VoTable_Of_The_Rows_In_The_Cone_Nearest_First(string query)
    {
        var page = await app.LogInAsync("rita", "sources");

        var (status, type, read) = await SearchAsync(page, "sources", query);

        Assert.Equal(200, status);
        Assert.StartsWith("text/xml", type, StringComparison.Ordinal);
        // near is at the centre, close about 0.05 degrees away, far on the other side of the sky.
        Assert.Equal(2, read.Rows);
        Assert.Equal(["near", "close"], read.FirstColumn);
        Assert.Contains(("QUERY_STATUS", "OK"), read.Infos);
    }

    [Theory]
    [InlineData("RA=10&DEC=20&SR=200", "SR must be between 0 and 180")]
    [InlineData("RA=10&DEC=20&SR=-1", "SR must be between 0 and 180")]
    [InlineData("RA=10&DEC=20&SR=wide", "SR: 'wide' is not a decimal number")]
    [InlineData("RA=10&DEC=20", "missing parameter SR")]
    [InlineData("RA=10&DEC=20&SR=1&sr=2", "SR is given 2 times")]
    [InlineData("RA=10&DEC=95&SR=1", "DEC must be between -90 and 90")]
    public async Task Bad_Parameter_Answers_The_Scs_Error_VoTable(string query, string message)
    {
        var page = await app.LogInAsync("rita", "sources");

        var (status, type, read) = await SearchAsync(page, "sources", query);

        // SCS 1.03: HTTP 200 and a stub VOTable with INFO name="Error" (and DALI's QUERY_STATUS=ERROR), no table.
        Assert.Equal(200, status);
        Assert.StartsWith("text/xml", type, StringComparison.Ordinal);
        Assert.Null(read.Rows);
        var error = Assert.Single(read.Infos, i => i.Name == "Error");
        Assert.Contains(message, error.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("Arg_", error.Value, StringComparison.Ordinal);
        Assert.DoesNotContain("Parameter '", error.Value, StringComparison.Ordinal);
        Assert.Contains(("QUERY_STATUS", "ERROR"), read.Infos);
    }

    [Fact]
    public async Task Table_Without_Position_Columns_Is_A_400_With_The_Librarys_Message()
    {
        var page = await app.LogInAsync("rita");

        var response = await page.APIRequest.GetAsync($"{app.BaseUrl}/t/fields/scs?RA=10&DEC=20&SR=1");

        Assert.Equal(400, response.Status);
        Assert.Contains("no numeric column has the UCD pos.eq.ra", await response.TextAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task User_Without_A_Role_Is_Refused()
    {
        var page = await app.LogInAsync("carl");

        var response = await page.APIRequest.GetAsync($"{app.BaseUrl}/t/sources/scs?RA=10&DEC=20&SR=1");

        Assert.Equal(403, response.Status);
    }

    private async Task<(int Status, string Type, VoTableReadBack Read)> SearchAsync(IPage page, string table, string query)
    {
        var response = await page.APIRequest.GetAsync($"{app.BaseUrl}/t/{table}/scs?{query}");
        var path = Path.Combine(app.Directory, $"scs-{Guid.NewGuid():N}.xml");
        await File.WriteAllBytesAsync(path, await response.BodyAsync());
        return (response.Status, response.Headers["content-type"], AstropyVoTable.Read(path));
    }
}
