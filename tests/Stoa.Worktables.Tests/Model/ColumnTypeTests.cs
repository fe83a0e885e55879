using Stoa.Worktables.Model;

namespace Stoa.Worktables.Tests.Model;

public sealed class ColumnTypeTests
{
    [Theory]
    [InlineData("int")]
    [InlineData("long")]
    [InlineData("float")]
    [InlineData("double")]
    [InlineData("string")]
    [InlineData("boolean")]
    [InlineData("File")]
    [InlineData("Directory")]
    [InlineData("Any")]
    [InlineData("int?")]
    [InlineData("File[]")]
    [InlineData("File[]?")]
    [InlineData("double[][]")]
    [InlineData("string?[]")]
    public void Shorthand_parses_and_spells_back(string text)
    {
        var t = ColumnType.Parse(text);
        Assert.Equal(text, t.ToString());
        Assert.Equal(t, ColumnType.Parse(t.ToString()));
    }

    [Fact]
    public void Enum_record_and_optional_types_survive_persistence()
    {
        var t = ColumnType.Record(
            new RecordField("band", ColumnType.Enum("L", "C", "X")),
            new RecordField("images", ColumnType.Array(ColumnType.File).AsOptional()),
            new RecordField("freq", ColumnType.Double));
        var back = ColumnType.FromJson(t.ToJson());
        Assert.Equal(t, back);
        Assert.Equal("record{band:enum(L|C|X),images:File[]?,freq:double}", back.ToString());
        Assert.Equal(ColumnTypeKind.Enum, back.Fields[0].Type.Kind);
        Assert.True(back.Fields[1].Type.IsOptional);
    }

    [Fact]
    public void Unknown_type_names_are_rejected()
    {
        var e = Assert.Throws<FormatException>(() => ColumnType.Parse("integer"));
        Assert.Contains("integer", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => ColumnType.Enum("a", "a"));
        Assert.Throws<ArgumentException>(() => ColumnType.Record(new RecordField("x", ColumnType.Int), new RecordField("x", ColumnType.Int)));
    }
}
