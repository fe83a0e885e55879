using System.Text.Json.Nodes;
using Stoa.Cwl.Expressions;

namespace Stoa.Cwl.Tests.Expressions;

public sealed class ExpressionEvaluatorTests
{
    private static readonly JsonObject Inputs = new()
    {
        ["file"] = new JsonObject { ["class"] = "File", ["path"] = "/data/a b.txt", ["basename"] = "a b.txt" },
        ["n"] = 3,
        ["list"] = new JsonArray(1, 2, 3),
        ["rec"] = new JsonObject { ["b'az"] = "quoted" },
    };

    private static ExpressionEvaluator NoJs() => new(new JavaScriptEngine(), javascript: false, []);

    private static ExpressionScope Scope() => new(Inputs, null, new JsonObject { ["outdir"] = "/out" });

    [Theory]
    [InlineData("$(inputs.file.path)", "\"/data/a b.txt\"")]
    [InlineData("$(inputs['file'].basename)", "\"a b.txt\"")]
    [InlineData("$(inputs.list.length)", "3")]
    [InlineData("$(inputs.list[1])", "2")]
    [InlineData("$(inputs.rec['b\\'az'])", "\"quoted\"")]
    [InlineData("n=$(inputs.n) at $(runtime.outdir)", "\"n=3 at /out\"")]
    [InlineData("\\$(inputs.n)", "\"$(inputs.n)\"")]
    [InlineData("$(inputs.list)", "[1,2,3]")]
    [InlineData("x $(inputs.list)", "\"x [1, 2, 3]\"")]
    public void Parameter_References_Need_No_JavaScript(string expression, string expectedJson)
    {
        var result = NoJs().Evaluate(JsonValue.Create(expression), Scope());
        Assert.Equal(expectedJson, result?.ToJsonString() ?? "null");
    }

    [Theory]
    [InlineData("$(inputs.n + 1)")]
    [InlineData("${ return 1; }")]
    [InlineData("$(inputs.nothere)")]
    public void Anything_Else_Without_JavaScript_Is_An_Expression_Error(string expression) =>
        Assert.Throws<CwlExpressionException>(() => NoJs().Evaluate(JsonValue.Create(expression), Scope()));

    [Fact]
    public void JavaScript_Expressions_And_Function_Bodies_Evaluate_With_Jint()
    {
        var js = new ExpressionEvaluator(new JavaScriptEngine(), javascript: true, ["function twice(x) { return 2 * x; }"]);
        Assert.Equal(6, js.Evaluate(JsonValue.Create("$(twice(inputs.n))"), Scope())!.GetValue<double>());
        Assert.Equal("[3,2,1]", js.Evaluate(JsonValue.Create("${ return inputs.list.reverse(); }"), Scope())!.ToJsonString());
    }

    [Theory]
    [InlineData(0.00001, "0.00001")]
    [InlineData(1.23e-05, "0.0000123")]
    [InlineData(1.23e5, "123000")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(1e21, "1000000000000000000000")]
    public void Numbers_Are_Plain_Decimals(double value, string expected) =>
        Assert.Equal(expected, JsonText.Number(value));
}
