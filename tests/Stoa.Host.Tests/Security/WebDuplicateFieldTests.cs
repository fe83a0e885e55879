using Stoa.Host.Tests.Web;

namespace Stoa.Host.Tests.Security;

/// <summary>
/// Issue #16 row 14 in the web app, over real HTTP against a real <c>stoa serve</c>: a row edit posting one field
/// twice (<c>seed=5&amp;seed=6</c>) is answered 400 naming the field, and the row is unchanged (before, the two
/// values were joined into "5,6").
/// </summary>
[Collection(WebAppCollection.Name)]
public sealed class WebDuplicateFieldTests(WebAppFixture app)
{
    [Fact]
    public async Task A_Field_Posted_Twice_Is_A_400_Naming_It()
    {
        var page = await app.LogInAsync("olga");
        var before = Cells(await page.InnerTextAsync("#row-3"));

        var answer = await page.EvaluateAsync<string[]>("""
            async () => {
              const data = new FormData();
              data.append('seed', '5');
              data.append('seed', '6');
              data.append('__RequestVerificationToken', document.querySelector('meta[name=csrf]').content);
              const edit = await fetch('/t/fields/rows/3/edit', { method: 'POST', body: data });
              return [String(edit.status), await edit.text()];
            }
            """);

        Assert.Equal("400", answer[0]);
        Assert.Contains("column 'seed' is given twice ('seed=5' and 'seed=6')", answer[1], StringComparison.Ordinal);
        await page.ReloadAsync();
        Assert.Equal(before, Cells(await page.InnerTextAsync("#row-3")));
    }

    // The row's text without layout whitespace: a row refreshed in place by a live update (a fragment) and the same
    // row in a freshly loaded page differ only in the line breaks innerText puts around block elements.
    private static string Cells(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();
}
