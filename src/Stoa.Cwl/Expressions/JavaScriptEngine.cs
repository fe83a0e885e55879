using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Json;

namespace Stoa.Cwl.Expressions;

/// <summary>
/// JavaScript for CWL expressions through Jint. Created lazily, the first time a document really needs
/// JavaScript (creating the engine costs far more than the rest of a tool run), then reused for the whole run.
/// One Jint engine per distinct <c>expressionLib</c>; access is serialised because Jint engines are single-threaded.
/// </summary>
internal sealed class JavaScriptEngine
{
    private readonly Dictionary<string, Engine> _engines = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>
    /// Starts creating an engine on a pool thread, so its start-up cost overlaps staging and the command line
    /// instead of adding to them. Later evaluations wait for it (they take the same lock).
    /// </summary>
    public void Prewarm() => _ = Task.Run(() =>
    {
        lock (_lock)
        {
            var engine = GetEngine([]);
            engine.Evaluate("(function(){ return JSON.stringify({a: [1, 'x']}); })()");
        }
    });

    public JsonNode? Evaluate(string code, bool isFunctionBody, IReadOnlyList<string> expressionLib, ExpressionScope scope)
    {
        lock (_lock)
        {
            var engine = GetEngine(expressionLib);
            var parser = new JsonParser(engine);
            engine.SetValue("inputs", ToJs(parser, scope.Inputs));
            engine.SetValue("self", ToJs(parser, scope.Self));
            engine.SetValue("runtime", ToJs(parser, scope.Runtime));
            var script = isFunctionBody ? "(function(){" + code + "\n})()" : "(" + code + "\n)";
            JsValue result;
            try
            {
                result = engine.Evaluate(script);
            }
            catch (Exception ex) when (ex is Jint.Runtime.JavaScriptException or Acornima.SyntaxErrorException or Jint.JintException)
            {
                throw new CwlExpressionException($"JavaScript error in '{Shorten(code)}': {ex.Message}", ex);
            }

            if (result.IsUndefined() || result.IsNull())
            {
                return null;
            }

            var json = new JsonSerializer(engine).Serialize(result, JsValue.Undefined, JsValue.Undefined);
            return json.IsUndefined() ? null : JsonNode.Parse(json.AsString());
        }
    }

    private static JsValue ToJs(JsonParser parser, JsonNode? value) =>
        value is null ? JsValue.Null : parser.Parse(value.ToJsonString());

    private Engine GetEngine(IReadOnlyList<string> expressionLib)
    {
        var key = string.Join("\n//--\n", expressionLib);
        if (_engines.TryGetValue(key, out var engine))
        {
            return engine;
        }

        engine = new Engine(o => o.LimitRecursion(1000).MaxStatements(50_000_000));
        foreach (var lib in expressionLib)
        {
            try
            {
                engine.Execute(lib);
            }
            catch (Exception ex) when (ex is Jint.Runtime.JavaScriptException or Acornima.SyntaxErrorException or Jint.JintException)
            {
                throw new CwlExpressionException($"JavaScript error in expressionLib: {ex.Message}", ex);
            }
        }

        _engines[key] = engine;
        return engine;
    }

    private static string Shorten(string code) => code.Length > 120 ? code[..120] + "…" : code;
}
