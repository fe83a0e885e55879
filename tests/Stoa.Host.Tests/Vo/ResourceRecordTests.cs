using System.Diagnostics;
using System.Net;
using System.Xml.Linq;

namespace Stoa.Host.Tests.Vo;

/// <summary>
/// The registry record at <c>/tap/resource</c>: a VOResource 1.1 <c>ri:Resource</c> of type <c>vs:CatalogService</c>
/// with the TAP capability and one Simple Cone Search capability per published table that has positions, each
/// URL answering a cone; and the VOSI capabilities read by pyvo's parser (not pedantic: pyvo 1.2.1 does not model
/// SimpleDALRegExt, so it warns on cs:ConeSearch's maxSR, which that schema defines).
/// </summary>
[Collection(VoServeCollection.Name)]
public sealed class ResourceRecordTests(VoServeFixture vo)
{
    private static readonly XNamespace Ri = "http://www.ivoa.net/xml/RegistryInterface/v1.0";
    private static readonly XNamespace Xsi = "http://www.w3.org/2001/XMLSchema-instance";
    private static readonly XNamespace Vs = "http://www.ivoa.net/xml/VODataService/v1.1";
    private static readonly XNamespace Tr = "http://www.ivoa.net/xml/TAPRegExt/v1.0";
    private static readonly XNamespace Cs = "http://www.ivoa.net/xml/ConeSearch/v1.0";

    /// <summary>An xsi:type value resolved to its namespace, as a schema-aware reader does.</summary>
    private static XName TypeOf(XElement e)
    {
        var value = (string)e.Attribute(Xsi + "type")!;
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        return e.GetNamespaceOfPrefix(value[..colon])! + value[(colon + 1)..];
    }

    [Fact]
    public async Task The_Record_Is_A_CatalogService_With_TAP_And_A_Cone_Search_Per_Table_With_Positions()
    {
        using var http = new HttpClient();
        var record = XDocument.Parse(await http.GetStringAsync(vo.BaseUrl + "/tap/resource"));

        var root = record.Root!;
        Assert.Equal(Ri + "Resource", root.Name);
        Assert.Equal(Vs + "CatalogService", TypeOf(root));
        Assert.Equal("active", (string?)root.Attribute("status"));
        foreach (var required in new[] { "title", "identifier", "curation", "content" })
        {
            Assert.NotNull(root.Element(required));
        }

        var capabilities = root.Elements("capability").ToList();
        var tap = Assert.Single(capabilities, c => (string?)c.Attribute("standardID") == "ivo://ivoa.net/std/TAP");
        Assert.Equal(Tr + "TableAccess", TypeOf(tap));
        Assert.Equal(vo.BaseUrl + "/tap", tap.Element("interface")!.Element("accessURL")!.Value);

        // 'stars' has RA/Dec columns; 'ids' is published but has none, so it has no cone search.
        var cones = capabilities.Where(c => (string?)c.Attribute("standardID") == "ivo://ivoa.net/std/ConeSearch").ToList();
        var cone = Assert.Single(cones);
        Assert.Equal(Cs + "ConeSearch", TypeOf(cone));
        var url = cone.Element("interface")!.Element("accessURL")!.Value;
        Assert.Equal(vo.BaseUrl + "/scs/stars", url);
        Assert.Equal(["maxSR", "maxRecords", "verbosity"], cone.Elements().Select(e => e.Name.LocalName).SkipWhile(n => n is "description" or "interface"));
        var answer = await http.GetAsync(url + "?RA=10&DEC=20&SR=0.05");
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        Assert.Contains("c12", await answer.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var tables = root.Element("tableset")!.Descendants("table").Select(t => t.Element("name")!.Value).ToList();
        Assert.Contains("stars", tables);
        Assert.Contains("ids", tables);
        Assert.DoesNotContain("secret", tables);
    }

    [Fact]
    public async Task Pyvo_Reads_The_Capabilities()
    {
        using var http = new HttpClient();
        var file = Path.Combine(vo.Directory, $"capabilities-{Guid.NewGuid():N}.xml");
        await File.WriteAllBytesAsync(file, await http.GetByteArrayAsync(vo.BaseUrl + "/tap/capabilities"));
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("""
            import sys
            from pyvo.io.vosi.endpoint import parse_capabilities
            for c in parse_capabilities(sys.argv[1], pedantic=False):
                print(c.standardid, ' '.join(i.accessurls[0].content for i in c.interfaces))
            """);
        start.ArgumentList.Add(file);
        using var python = Process.Start(start)!;
        var stderr = python.StandardError.ReadToEndAsync();
        var stdout = await python.StandardOutput.ReadToEndAsync();
        await python.WaitForExitAsync();

        Assert.True(python.ExitCode == 0, await stderr);
        Assert.Contains($"ivo://ivoa.net/std/ConeSearch {vo.BaseUrl}/scs/stars", stdout, StringComparison.Ordinal);
        Assert.Contains($"ivo://ivoa.net/std/TAP {vo.BaseUrl}/tap", stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("/scs/ids", stdout, StringComparison.Ordinal);
    }
}
