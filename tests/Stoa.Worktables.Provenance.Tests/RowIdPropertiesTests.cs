using System.Text.Json.Nodes;
using FsCheck.Xunit;
using Stoa.Provenance;

namespace Stoa.Worktables.Provenance.Tests;

/// <summary>Row identifiers are injective: distinct keys (as the store tells them apart) never share a PROV id.</summary>
public sealed class RowIdPropertiesTests
{
    // A small alphabet makes near-collisions likely: separators, escapes, JSON look-alikes, digits.
    private const string Alphabet = "a/\\\"1 .n-%";

    // Parts that collide under a careless encoding: separators at either end, escapes, JSON look-alikes.
    private static readonly JsonNode?[] Tricky =
    [
        null, JsonValue.Create(""), JsonValue.Create("a"), JsonValue.Create("/"), JsonValue.Create("\\"), JsonValue.Create("a/"),
        JsonValue.Create("/a"), JsonValue.Create("a\\"), JsonValue.Create("\\/"), JsonValue.Create("1"), JsonValue.Create("\"1\""),
        JsonValue.Create("null"), JsonValue.Create(1L), JsonValue.Create(1.5),
    ];

    private static JsonNode? Part(int[] code) => code.Length == 0
        ? null
        : (code[0] & 3) switch
        {
            0 => JsonValue.Create((long)code.Length),
            1 => JsonValue.Create(code[0] / 7.0),
            _ => JsonValue.Create(new string([.. code.Skip(1).Select(c => Alphabet[(c & int.MaxValue) % Alphabet.Length])])),
        };

    /// <summary>Every one- and two-column key over the tricky parts and random parts: no two distinct keys share an id.</summary>
    [Property(MaxTest = 200)]
    public bool RowIds_Are_Injective_Meets_Specification(int[][] seeds)
    {
        var pool = Tricky.Concat(seeds.Where(s => s is not null).Take(12).Select(Part)).ToList();
        var keys = pool.Select(p => new[] { p })
            .Concat(pool.SelectMany(p => pool.Select(q => new[] { p, q })))
            // How the store tells keys apart: their JSON text (one table has one key width; the widths are kept apart).
            .DistinctBy(k => new JsonArray([.. k.Select(p => p?.DeepClone())]).ToJsonString())
            .ToList();
        foreach (var width in new[] { 1, 2 })
        {
            var ofWidth = keys.Where(k => k.Length == width).ToList();
            if (ofWidth.Select(k => WorktableProvenance.RowId("t", WorktableProvenanceExport.RowKey(k))).Distinct().Count() != ofWidth.Count)
            {
                return false;
            }
        }

        return true;
    }
}
