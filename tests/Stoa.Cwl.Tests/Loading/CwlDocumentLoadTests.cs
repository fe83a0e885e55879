namespace Stoa.Cwl.Tests.Loading;

public sealed class CwlDocumentLoadTests : ScratchDirectory
{
    [Fact]
    public void Load_Reads_Tool_With_Shorthand_Types()
    {
        var path = Write("t.cwl", """
            cwlVersion: v1.0
            class: CommandLineTool
            baseCommand: echo
            inputs:
              a: string?
              b: File[]
            outputs: []
            """);
        var doc = CwlDocument.Load(path);
        Assert.Equal("CommandLineTool", doc.Class);
        Assert.Equal("v1.0", doc.CwlVersion);
        Assert.Equal(["a", "b"], doc.Inputs.Select(i => i.Id));
        Assert.True(doc.Inputs[0].IsOptional);
        Assert.False(doc.Inputs[1].IsOptional);
        Assert.Equal("array", doc.Inputs[1].Type!["type"]!.GetValue<string>());
    }

    [Fact]
    public void Unknown_Field_Is_A_Located_Error()
    {
        var path = Write("bad.cwl", """
            cwlVersion: v1.2
            class: CommandLineTool
            inputs: []
            outputs: []
            baseComand: echo
            """);
        var ex = Assert.Throws<CwlValidationException>(() => CwlDocument.Load(path));
        var error = Assert.Single(ex.Errors);
        Assert.Equal(path, error.Location.File);
        Assert.Equal(5, error.Location.Line);
        Assert.Equal("baseComand", error.FieldPath);
    }

    [Fact]
    public void Broken_Yaml_Is_A_Located_Error()
    {
        var path = Write("broken.cwl", "cwlVersion: v1.2\nclass: [CommandLineTool\ninputs: []\n");
        var ex = Assert.Throws<CwlValidationException>(() => CwlDocument.Load(path));
        Assert.True(ex.Errors[0].Location.Line > 0);
        Assert.Contains("YAML", ex.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Workflow_Source_Naming_No_Output_Is_Rejected_Before_Running()
    {
        var tool = Write("echo.cwl", "cwlVersion: v1.2\nclass: CommandLineTool\nbaseCommand: echo\ninputs: {x: string}\noutputs: {o: stdout}\n");
        var wf = Write("wf.cwl", """
            cwlVersion: v1.2
            class: Workflow
            inputs: {x: string}
            outputs:
              o: {type: File, outputSource: s1/missing}
            steps:
              s1: {run: echo.cwl, in: {x: x}, out: [o]}
            """);
        Assert.NotNull(tool);
        var ex = Assert.Throws<CwlValidationException>(() => CwlDocument.Load(wf));
        Assert.Contains(ex.Errors, e => e.FieldPath == "outputs.o.outputSource" && e.Location.Line == 5);
    }

    [Fact]
    public void Workflow_Cycle_Is_Rejected_Before_Running()
    {
        Write("id.cwl", "cwlVersion: v1.2\nclass: ExpressionTool\nrequirements: {InlineJavascriptRequirement: {}}\ninputs: {x: Any}\noutputs: {o: Any}\nexpression: '$({o: inputs.x})'\n");
        var wf = Write("cycle.cwl", """
            cwlVersion: v1.2
            class: Workflow
            inputs: {x: int}
            outputs:
              o: {type: Any, outputSource: a/o}
            steps:
              a: {run: id.cwl, in: {x: b/o}, out: [o]}
              b: {run: id.cwl, in: {x: a/o}, out: [o]}
            """);
        var ex = Assert.Throws<CwlValidationException>(() => CwlDocument.Load(wf));
        Assert.Contains(ex.Errors, e => e.Message.Contains("cycle", StringComparison.Ordinal));
    }
}
