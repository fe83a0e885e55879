using System.Net;
using Stoa.Host.Tests.Web;

namespace Stoa.Host.Tests.Vo;

/// <summary>
/// Without a login: the VO endpoints answer for published tables only, every other route stays closed, and bad
/// parameters get an error VOTable (read by astropy's strict parser), never a 500.
/// </summary>
[Collection(VoServeCollection.Name)]
public sealed class AnonymousAccessTests(VoServeFixture vo)
{
    private static HttpClient Client() => new(new HttpClientHandler { AllowAutoRedirect = false });

    [Theory]
    [InlineData("/tap/sync?LANG=ADQL&QUERY=SELECT%20*%20FROM%20secret", "no published table secret")]
    [InlineData("/tap/sync?LANG=ADQL&QUERY=SELECT%20*%20FROM%20public.secret", "no published table secret")]
    [InlineData("/tap/sync?LANG=ADQL&QUERY=SELECT%20name%20FROM", "line 1, column 17")]
    [InlineData("/tap/sync?QUERY=SELECT%20*%20FROM%20stars", "missing parameter LANG")]
    [InlineData("/tap/sync?LANG=PQL&QUERY=SELECT%20*%20FROM%20stars", "speaks ADQL")]
    [InlineData("/tap/sync?LANG=ADQL", "missing parameter QUERY")]
    [InlineData("/tap/sync?LANG=ADQL&QUERY=SELECT%20*%20FROM%20stars&MAXREC=-1", "MAXREC=-1")]
    [InlineData("/tap/sync?LANG=ADQL&QUERY=SELECT%20*%20FROM%20stars&MAXREC=lots", "MAXREC=lots")]
    [InlineData("/tap/sync?LANG=ADQL&QUERY=SELECT%20*%20FROM%20stars&RESPONSEFORMAT=fits", "RESPONSEFORMAT=fits")]
    [InlineData("/tap/sync?LANG=ADQL&QUERY=SELECT%20*%20FROM%20stars&REQUEST=getCapabilities", "REQUEST=getCapabilities")]
    [InlineData("/tap/sync?LANG=ADQL&QUERY=SELECT%20name%20FROM%20stars%20WHERE%20name%20%3E%201", "cannot compare text with a number")]
    public async Task Refused_Query_Is_An_Error_VoTable_Not_A_500(string path, string message)
    {
        using var http = Client();

        var response = await http.GetAsync(vo.BaseUrl + path);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var file = Path.Combine(vo.Directory, $"err-{Guid.NewGuid():N}.xml");
        await File.WriteAllBytesAsync(file, await response.Content.ReadAsByteArrayAsync());
        var read = AstropyVoTable.Read(file);
        var status = Assert.Single(read.Infos, i => i.Name == "QUERY_STATUS");
        Assert.Equal("ERROR", status.Value);
        Assert.Contains(message, Assert.Single(read.Infos, i => i.Name == "Error").Value, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Malformed_Form_Body_Is_An_Error_VoTable_Not_A_500()
    {
        using var http = Client();
        var body = new StringContent("LANG=ADQL");
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("multipart/form-data");

        var response = await http.PostAsync(vo.BaseUrl + "/tap/sync", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("the form body cannot be read", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unpublished_Table_Is_Not_Found_By_Cone_Search_Nor_Listed()
    {
        using var http = Client();

        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(vo.BaseUrl + "/scs/secret?RA=10&DEC=20&SR=1")).StatusCode);
        var tables = await http.GetStringAsync(vo.BaseUrl + "/tap/tables");
        Assert.Contains("<name>stars</name>", tables, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", tables, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", await http.GetStringAsync(vo.BaseUrl + "/tap/capabilities"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("GET", "/")]
    [InlineData("GET", "/t/stars")]
    [InlineData("GET", "/t/stars/scs?RA=10&DEC=20&SR=1")]
    [InlineData("GET", "/t/stars/export/csv")]
    [InlineData("GET", "/t/secret/export/votable")]
    [InlineData("POST", "/t/stars/run")]
    [InlineData("POST", "/t/stars/rows/1/edit")]
    [InlineData("POST", "/t/stars/rows/1/flag")]
    [InlineData("POST", "/t/stars/rows/1/comment")]
    public async Task Every_Other_Route_Stays_Closed_Without_A_Login(string method, string path)
    {
        using var http = Client();

        var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), vo.BaseUrl + path));

        // 401 for background requests; a page request is sent to the login form.
        Assert.True(response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
            || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/login", StringComparison.Ordinal)),
            $"{method} {path}: {(int)response.StatusCode}");
    }

    [Fact]
    public async Task Uws_Job_Goes_Through_Its_Phases_And_Is_Destroyed()
    {
        using var http = Client();
        var create = await http.PostAsync(vo.BaseUrl + "/tap/async", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["LANG"] = "ADQL", ["QUERY"] = "SELECT TOP 3 name FROM stars ORDER BY name",
        }));
        Assert.Equal(HttpStatusCode.SeeOther, create.StatusCode);
        var job = create.Headers.Location!.ToString();

        Assert.Equal("PENDING", await http.GetStringAsync(job + "/phase"));
        var run = await http.PostAsync(job + "/phase", new FormUrlEncodedContent(new Dictionary<string, string> { ["PHASE"] = "RUN" }));
        Assert.Equal(HttpStatusCode.SeeOther, run.StatusCode);
        var document = await http.GetStringAsync(job + "?WAIT=30");
        for (var i = 0; i < 100 && !document.Contains("<uws:phase>COMPLETED</uws:phase>", StringComparison.Ordinal); i++)
        {
            document = await http.GetStringAsync(job + "?WAIT=30");
        }

        Assert.Contains("<uws:phase>COMPLETED</uws:phase>", document, StringComparison.Ordinal);
        Assert.Contains(job + "/results/result", document, StringComparison.Ordinal);
        Assert.Contains("<TD>c00</TD>", await http.GetStringAsync(job + "/results/result"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(job + "/error")).StatusCode);
        var bad = await http.PostAsync(job + "/phase", new FormUrlEncodedContent(new Dictionary<string, string> { ["PHASE"] = "SIDEWAYS" }));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var delete = await http.DeleteAsync(job);
        Assert.Equal(HttpStatusCode.SeeOther, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(job)).StatusCode);
    }

    [Fact]
    public async Task Failed_Job_Is_In_Phase_Error_With_The_Error_Document()
    {
        using var http = Client();
        var create = await http.PostAsync(vo.BaseUrl + "/tap/async", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["LANG"] = "ADQL", ["QUERY"] = "SELECT nope FROM stars", ["PHASE"] = "RUN",
        }));
        var job = create.Headers.Location!.ToString();
        var document = await http.GetStringAsync(job + "?WAIT=30");
        for (var i = 0; i < 100 && !document.Contains("<uws:phase>ERROR</uws:phase>", StringComparison.Ordinal); i++)
        {
            document = await http.GetStringAsync(job + "?WAIT=30");
        }

        Assert.Contains("<uws:phase>ERROR</uws:phase>", document, StringComparison.Ordinal);
        Assert.Contains("no column nope", document, StringComparison.Ordinal);
        Assert.Contains("QUERY_STATUS", await http.GetStringAsync(job + "/error"), StringComparison.Ordinal);
    }
}
