using Stoa.Host.Tests.Web;

namespace Stoa.Host.Tests.Security;

/// <summary>
/// Issue #16 row 10 in the web app, over real HTTP: the FITS export of a table whose string cell holds U+0001 is a
/// 400 naming the row and column, never a 500.
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class WebFitsExportTests(WebAppFixture app)
{
    [Fact]
    public async Task A_Control_Character_In_A_Cell_Makes_The_Fits_Export_A_400_Naming_Row_And_Column()
    {
        var page = await app.LogInAsync("olga", "sources");
        const string post = """
            async ([row, value]) => {
              const data = new FormData();
              data.append('name', value);
              data.append('__RequestVerificationToken', document.querySelector('meta[name=csrf]').content);
              return (await fetch(`/t/sources/rows/${row}/edit`, { method: 'POST', body: data })).status;
            }
            """;
        var far = WebAppFixture.Sources[2].Name;
        var row = long.Parse(
            await page.EvaluateAsync<string>($"() => document.querySelector(\"input.cell[name=name][value='{far}']\").getAttribute('form').slice('edit-'.length)"),
            System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(200, await page.EvaluateAsync<int>(post, new object[] { row, "f\u0001ar" }));
        try
        {
            var response = await page.APIRequest.GetAsync($"{app.BaseUrl}/t/sources/export/fits");

            Assert.Equal(400, response.Status);
            var text = await response.TextAsync();
            Assert.StartsWith($"row {row}, column 'name': value 'f\\u0001ar':", text, StringComparison.Ordinal);
            Assert.Contains("control character U+0001", text, StringComparison.Ordinal);
        }
        finally
        {
            // The collection shares the project: put the name back for the other tests.
            Assert.Equal(200, await page.EvaluateAsync<int>(post, new object[] { row, far }));
        }
    }
}
