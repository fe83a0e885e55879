using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Stoa.Provenance;

/// <summary>
/// Writes and verifies CWLProv research objects: BagIt 1.0 bags (RFC 8493) following the CWLProv 0.6 BagIt,
/// Research Object and PROV profiles.
/// </summary>
/// <remarks>
/// Layout: <c>bagit.txt</c>, <c>bag-info.txt</c>, <c>manifest-sha1.txt</c>, <c>manifest-sha512.txt</c>,
/// <c>tagmanifest-sha1.txt</c>, <c>tagmanifest-sha512.txt</c>, optional <c>fetch.txt</c>, <c>data/&lt;2 hex&gt;/&lt;sha1&gt;</c>,
/// <c>metadata/manifest.json</c>, <c>metadata/provenance/primary.cwlprov.{provn,json,ttl,nt,xml}</c>,
/// <c>workflow/packed.cwl</c>, <c>workflow/primary-job.json</c>, <c>workflow/primary-output.json</c>.
/// </remarks>
public static class ResearchObjectBag
{
    /// <summary>The CWLProv profile version this writer follows.</summary>
    public const string CwlProvProfile = "https://w3id.org/cwl/prov/0.6.0";

    private static readonly UTF8Encoding Utf8 = new(false);

    private static readonly (ProvFormat Format, string Extension, string MediaType, string ConformsTo)[] ProvFiles =
    [
        (ProvFormat.ProvN, "provn", "text/provenance-notation; charset=\"UTF-8\"", "http://www.w3.org/TR/2013/REC-prov-n-20130430/"),
        (ProvFormat.Json, "json", "application/json", "http://www.w3.org/Submission/2013/SUBM-prov-json-20130424/"),
        (ProvFormat.Turtle, "ttl", "text/turtle; charset=\"UTF-8\"", "http://www.w3.org/TR/2013/REC-prov-o-20130430/"),
        (ProvFormat.NTriples, "nt", "application/n-triples", "http://www.w3.org/TR/2013/REC-prov-o-20130430/"),
        (ProvFormat.Xml, "xml", "application/xml", "http://www.w3.org/TR/2013/NOTE-prov-xml-20130430/"),
    ];

    /// <summary>Writes a research object into <paramref name="directory"/>, which must not exist or be empty.</summary>
    /// <param name="directory">The bag's directory.</param>
    /// <param name="content">What to put in it.</param>
    /// <param name="options">Options, or null for defaults (copy every file).</param>
    /// <returns>What was written.</returns>
    /// <exception cref="ResearchObjectException">The directory is not empty, a data file is missing, or its content no longer matches its recorded SHA-1.</exception>
    /// <exception cref="ProvValidationException">The provenance is invalid.</exception>
    public static ResearchObjectSummary Write(string directory, ResearchObjectContent content, ResearchObjectOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(content);
        options ??= new ResearchObjectOptions();
        ProvValidator.ThrowIfInvalid(content.Provenance);
        var root = Path.GetFullPath(directory);
        if (Directory.Exists(root) && Directory.EnumerateFileSystemEntries(root).Any())
        {
            throw new ResearchObjectException($"{root}: the research object's directory must be new or empty.");
        }

        Directory.CreateDirectory(root);
        var arcp = $"arcp://uuid,{content.RunUuid:D}/";

        // 1. Payload, content-addressed; each file read once for both checksums (and copied unless referenced).
        var payload = new SortedDictionary<string, PayloadEntry>(StringComparer.Ordinal);
        var sha1ByPath = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in content.DataFiles)
        {
            var source = Path.GetFullPath(file.Path);
            if (sha1ByPath.ContainsKey(source))
            {
                continue;
            }

            var entry = AddPayload(root, source, file.Sha1, options);
            sha1ByPath[source] = entry.Sha1;
            payload.TryAdd(entry.Sha1, entry);
        }

        // 2. The workflow and its job and output objects, File locations pointing into data/.
        var created = new List<(string Path, string MediaType, object? ConformsTo)>();
        Directory.CreateDirectory(Path.Combine(root, "workflow"));
        if (content.PackedWorkflow is { } packed)
        {
            File.WriteAllText(Path.Combine(root, "workflow", "packed.cwl"), packed, Utf8);
            created.Add(("../workflow/packed.cwl", "text/x+yaml; charset=\"UTF-8\"", "https://w3id.org/cwl/"));
        }

        if (content.Job is { } job)
        {
            WriteJson(Path.Combine(root, "workflow", "primary-job.json"), PointIntoData(job, sha1ByPath, payload));
            created.Add(("../workflow/primary-job.json", "application/json", null));
        }

        if (content.Output is { } output)
        {
            WriteJson(Path.Combine(root, "workflow", "primary-output.json"), PointIntoData(output, sha1ByPath, payload));
            created.Add(("../workflow/primary-output.json", "application/json", null));
        }

        // 3. Provenance in every format, then the RO manifest that types them.
        var provenanceDir = Path.Combine(root, "metadata", "provenance");
        Directory.CreateDirectory(provenanceDir);
        var provenanceUris = new List<string>();
        foreach (var (format, extension, mediaType, conformsTo) in ProvFiles)
        {
            ProvenanceWriter.WriteFile(content.Provenance, format, Path.Combine(provenanceDir, "primary.cwlprov." + extension));
            var uri = "provenance/primary.cwlprov." + extension;
            provenanceUris.Add(uri);
            created.Add((uri, mediaType, new[] { conformsTo, CwlProvProfile }));
        }

        WriteJson(Path.Combine(root, "metadata", "manifest.json"), Manifest(content, arcp, payload.Values, created, provenanceUris));

        // 4. BagIt: marker, info, fetch list, payload manifests, then tag manifests over everything outside data/.
        File.WriteAllText(Path.Combine(root, "bagit.txt"), "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n", Utf8);
        var bytes = payload.Values.Sum(p => p.Size);
        var info = new StringBuilder()
            .Append("BagIt-Profile-Identifier: https://w3id.org/ro/bagit/profile\n")
            .Append("Bag-Software-Agent: ").Append(WorktableProvenance.EngineLabel).Append('\n')
            .Append("Bagging-Date: ").Append(content.CreatedOn.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Append('\n')
            .Append("External-Description: Research Object of a CWL workflow run\n")
            .Append("External-Identifier: ").Append(arcp).Append('\n')
            .Append(CultureInfo.InvariantCulture, $"Payload-Oxum: {bytes}.{payload.Count}\n");
        if (content.AuthorName is { } author)
        {
            info.Append("Contact-Name: ").Append(author.ReplaceLineEndings(" ")).Append('\n');
        }

        if (content.AuthorOrcid is { } orcid)
        {
            info.Append("Contact-Orcid: ").Append(orcid).Append('\n');
        }

        File.WriteAllText(Path.Combine(root, "bag-info.txt"), info.ToString(), Utf8);
        var referenced = payload.Values.Where(p => p.FetchUrl is not null).ToList();
        if (referenced.Count > 0)
        {
            File.WriteAllText(Path.Combine(root, "fetch.txt"),
                string.Concat(referenced.Select(p => $"{p.FetchUrl} {p.Size.ToString(CultureInfo.InvariantCulture)} {p.BagPath}\n")), Utf8);
        }

        File.WriteAllText(Path.Combine(root, "manifest-sha1.txt"), string.Concat(payload.Values.Select(p => $"{p.Sha1}  {p.BagPath}\n")), Utf8);
        File.WriteAllText(Path.Combine(root, "manifest-sha512.txt"), string.Concat(payload.Values.Select(p => $"{p.Sha512}  {p.BagPath}\n")), Utf8);
        WriteTagManifests(root);
        return new ResearchObjectSummary(root, arcp, payload.Count, bytes, referenced.Count);
    }

    /// <summary>
    /// Checks a bag: required files present, every payload and tag manifest entry matching its file, every payload file
    /// listed, and <c>Payload-Oxum</c> right. A payload file listed in <c>fetch.txt</c> with a <c>file:</c> URL is checked at that URL.
    /// </summary>
    /// <param name="directory">The bag's directory.</param>
    /// <returns>The problems found; empty when the bag verifies.</returns>
    public static IReadOnlyList<string> Verify(string directory)
    {
        var root = Path.GetFullPath(directory);
        var problems = new List<string>();
        foreach (var required in new[] { "bagit.txt", "bag-info.txt", "manifest-sha1.txt", "manifest-sha512.txt", "metadata/manifest.json", "metadata/provenance/primary.cwlprov.provn" })
        {
            if (!File.Exists(Path.Combine(root, required)))
            {
                problems.Add($"{required}: missing");
            }
        }

        if (problems.Count > 0)
        {
            return problems;
        }

        var fetched = new Dictionary<string, string>(StringComparer.Ordinal);
        var fetchPath = Path.Combine(root, "fetch.txt");
        if (File.Exists(fetchPath))
        {
            foreach (var line in File.ReadAllLines(fetchPath))
            {
                var parts = line.Split(' ', 3);
                if (parts.Length == 3 && Uri.TryCreate(parts[0], UriKind.Absolute, out var uri) && uri.IsFile)
                {
                    fetched[parts[2]] = uri.LocalPath;
                }
            }
        }

        string Locate(string bagPath) =>
            File.Exists(Path.Combine(root, bagPath)) || !fetched.TryGetValue(bagPath, out var local) ? Path.Combine(root, bagPath) : local;

        foreach (var (manifest, algorithm) in new[] { ("manifest-sha1.txt", "sha1"), ("manifest-sha512.txt", "sha512"), ("tagmanifest-sha1.txt", "sha1"), ("tagmanifest-sha512.txt", "sha512") })
        {
            var manifestPath = Path.Combine(root, manifest);
            if (!File.Exists(manifestPath))
            {
                problems.Add($"{manifest}: missing");
                continue;
            }

            var listed = new HashSet<string>(StringComparer.Ordinal);
            var lineNumber = 0;
            foreach (var line in File.ReadAllLines(manifestPath))
            {
                lineNumber++;
                var cut = line.IndexOf("  ", StringComparison.Ordinal);
                if (cut < 0)
                {
                    problems.Add($"{manifest} line {lineNumber}: not 'checksum  path'");
                    continue;
                }

                var (expected, bagPath) = (line[..cut], line[(cut + 2)..]);
                listed.Add(bagPath);
                var path = Locate(bagPath);
                if (!File.Exists(path))
                {
                    problems.Add($"{manifest} line {lineNumber}: {bagPath} is missing");
                    continue;
                }

                var (sha1, sha512, _) = Hash(path, null);
                var actual = algorithm == "sha1" ? sha1 : sha512;
                if (!string.Equals(actual, expected, StringComparison.OrdinalIgnoreCase))
                {
                    problems.Add($"{manifest} line {lineNumber}: {bagPath} has {algorithm} {actual}, the manifest says {expected}");
                }
            }

            if (manifest.StartsWith("manifest", StringComparison.Ordinal))
            {
                var dataDir = Path.Combine(root, "data");
                var present = Directory.Exists(dataDir)
                    ? Directory.EnumerateFiles(dataDir, "*", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
                    : [];
                problems.AddRange(present.Where(p => !listed.Contains(p)).Select(p => $"{manifest}: {p} is not listed"));
            }
        }

        var oxum = File.ReadAllLines(Path.Combine(root, "bag-info.txt")).FirstOrDefault(l => l.StartsWith("Payload-Oxum: ", StringComparison.Ordinal));
        if (oxum is not null)
        {
            var files = File.ReadAllLines(Path.Combine(root, "manifest-sha1.txt")).Select(l => l[(l.IndexOf("  ", StringComparison.Ordinal) + 2)..]).ToList();
            var bytes = files.Select(Locate).Where(File.Exists).Sum(p => new FileInfo(p).Length);
            var expected = $"Payload-Oxum: {bytes.ToString(CultureInfo.InvariantCulture)}.{files.Count.ToString(CultureInfo.InvariantCulture)}";
            if (oxum != expected)
            {
                problems.Add($"bag-info.txt: {oxum}, but the payload is {expected[14..]}");
            }
        }

        return problems;
    }

    private sealed record PayloadEntry(string Sha1, string Sha512, long Size, string BagPath, string? FetchUrl);

    private static PayloadEntry AddPayload(string root, string source, string? claimedSha1, ResearchObjectOptions options)
    {
        if (!File.Exists(source))
        {
            throw new ResearchObjectException($"{source}: data file is missing.");
        }

        var size = new FileInfo(source).Length;
        var reference = size > options.ReferenceFilesLargerThan;
        var dataDir = Path.Combine(root, "data");
        Directory.CreateDirectory(dataDir);
        var temp = reference ? null : Path.Combine(dataDir, ".incoming-" + Guid.NewGuid().ToString("N"));
        var (sha1, sha512, copied) = Hash(source, temp);
        if (claimedSha1 is not null && !string.Equals(claimedSha1, sha1, StringComparison.OrdinalIgnoreCase))
        {
            if (temp is not null)
            {
                File.Delete(temp);
            }

            throw new ResearchObjectException($"{source}: its SHA-1 is now {sha1}, but the run recorded {claimedSha1}; the file changed after the run.");
        }

        var bagPath = $"data/{sha1[..2]}/{sha1}";
        if (temp is not null)
        {
            var target = Path.Combine(root, bagPath);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            if (File.Exists(target))
            {
                File.Delete(temp); // same content from another path
            }
            else
            {
                File.Move(temp, target);
            }
        }

        return new PayloadEntry(sha1, sha512, copied, bagPath, reference ? new Uri(source).AbsoluteUri : null);
    }

    /// <summary>SHA-1 and SHA-512 of a file in one read, copying it to <paramref name="copyTo"/> on the way when given.</summary>
    private static (string Sha1, string Sha512, long Size) Hash(string path, string? copyTo)
    {
        using var sha1 = IncrementalHash.CreateHash(HashAlgorithmName.SHA1);
        using var sha512 = IncrementalHash.CreateHash(HashAlgorithmName.SHA512);
        using var input = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
        using var output = copyTo is null ? null : new FileStream(copyTo, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20);
        var buffer = new byte[1 << 20];
        long size = 0;
        int read;
        while ((read = input.Read(buffer)) > 0)
        {
            sha1.AppendData(buffer, 0, read);
            sha512.AppendData(buffer, 0, read);
            output?.Write(buffer, 0, read);
            size += read;
        }

        return (Convert.ToHexStringLower(sha1.GetHashAndReset()), Convert.ToHexStringLower(sha512.GetHashAndReset()), size);
    }

    /// <summary>A copy of a CWL job or output object whose File objects point at their payload copy (<c>../data/xx/sha1</c>).</summary>
    private static JsonObject PointIntoData(JsonObject cwlObject, Dictionary<string, string> sha1ByPath, SortedDictionary<string, PayloadEntry> payload)
    {
        var copy = (JsonObject)cwlObject.DeepClone();
        Rewrite(copy);
        return copy;

        void Rewrite(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    if (o["class"] is JsonValue c && c.TryGetValue<string>(out var cls) && cls == "File" && Sha1Of(o) is { } sha1)
                    {
                        o["location"] = $"../{payload[sha1].BagPath}";
                        o.Remove("path");
                        o.Remove("dirname");
                        o["checksum"] = "sha1$" + sha1;
                    }

                    foreach (var (_, child) in o.ToList())
                    {
                        Rewrite(child);
                    }

                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Rewrite(child);
                    }

                    break;
            }
        }

        string? Sha1Of(JsonObject file)
        {
            if (file["checksum"] is JsonValue cs && cs.TryGetValue<string>(out var checksum)
                && checksum.StartsWith("sha1$", StringComparison.OrdinalIgnoreCase) && payload.ContainsKey(checksum[5..].ToLowerInvariant()))
            {
                return checksum[5..].ToLowerInvariant();
            }

            var location = (file["path"] ?? file["location"]) is JsonValue l && l.TryGetValue<string>(out var s) ? s : null;
            if (location is null)
            {
                return null;
            }

            var local = Uri.TryCreate(location, UriKind.Absolute, out var uri) && uri.IsFile ? uri.LocalPath : location;
            return Path.IsPathRooted(local) && sha1ByPath.TryGetValue(Path.GetFullPath(local), out var sha1) ? sha1 : null;
        }
    }

    private static JsonObject Manifest(ResearchObjectContent content, string arcp, IEnumerable<PayloadEntry> payload,
        List<(string Path, string MediaType, object? ConformsTo)> created, List<string> provenanceUris)
    {
        var createdOn = ProvTime.Format(content.CreatedOn);
        var createdBy = new JsonObject { ["name"] = WorktableProvenance.EngineLabel };
        var aggregates = new JsonArray();
        foreach (var p in payload)
        {
            var folder = p.BagPath[..(p.BagPath.LastIndexOf('/') + 1)];
            aggregates.Add((JsonNode)new JsonObject
            {
                ["uri"] = "urn:hash::sha1:" + p.Sha1,
                ["bundledAs"] = new JsonObject
                {
                    ["uri"] = arcp + p.BagPath,
                    ["folder"] = "/" + folder,
                    ["filename"] = p.Sha1,
                },
            });
        }

        foreach (var (path, mediaType, conformsTo) in created)
        {
            var entry = new JsonObject
            {
                ["uri"] = path,
                ["mediatype"] = mediaType,
                ["createdOn"] = createdOn,
                ["createdBy"] = createdBy.DeepClone(),
            };
            if (conformsTo is string single)
            {
                entry["conformsTo"] = single;
            }
            else if (conformsTo is string[] several)
            {
                entry["conformsTo"] = new JsonArray([.. several.Select(s => (JsonNode)s)]);
            }

            aggregates.Add((JsonNode)entry);
        }

        var runUri = $"urn:uuid:{content.RunUuid:D}";
        var manifest = new JsonObject
        {
            ["@context"] = new JsonArray(new JsonObject { ["@base"] = arcp + "metadata/" }, "https://w3id.org/bundle/context"),
            ["id"] = "/",
            ["conformsTo"] = CwlProvProfile,
            ["manifest"] = "manifest.json",
            ["createdOn"] = createdOn,
            ["createdBy"] = createdBy,
        };
        if (content.AuthorName is not null || content.AuthorOrcid is not null)
        {
            var author = new JsonObject();
            if (content.AuthorOrcid is { } orcid)
            {
                author["orcid"] = orcid;
            }

            if (content.AuthorName is { } name)
            {
                author["name"] = name;
            }

            manifest["authoredBy"] = author;
        }

        manifest["aggregates"] = aggregates;
        manifest["annotations"] = new JsonArray(
            new JsonObject { ["about"] = runUri, ["content"] = "/", ["oa:motivatedBy"] = new JsonObject { ["@id"] = "oa:describing" } },
            new JsonObject
            {
                ["about"] = runUri,
                ["content"] = new JsonArray([.. provenanceUris.Select(u => (JsonNode)u)]),
                ["oa:motivatedBy"] = new JsonObject { ["@id"] = "http://www.w3.org/ns/prov#has_provenance" },
            },
            new JsonObject
            {
                ["about"] = runUri,
                ["content"] = new JsonArray([.. created.Where(c => c.Path.StartsWith("../workflow/", StringComparison.Ordinal)).Select(c => (JsonNode)c.Path)]),
                ["oa:motivatedBy"] = new JsonObject { ["@id"] = "oa:linking" },
            });
        return manifest;
    }

    private static void WriteTagManifests(string root)
    {
        var tagFiles = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(p => !p.StartsWith("data/", StringComparison.Ordinal) && !p.StartsWith("tagmanifest-", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        var sha1 = new StringBuilder();
        var sha512 = new StringBuilder();
        foreach (var tag in tagFiles)
        {
            var (h1, h512, _) = Hash(Path.Combine(root, tag), null);
            sha1.Append(h1).Append("  ").Append(tag).Append('\n');
            sha512.Append(h512).Append("  ").Append(tag).Append('\n');
        }

        File.WriteAllText(Path.Combine(root, "tagmanifest-sha1.txt"), sha1.ToString(), Utf8);
        File.WriteAllText(Path.Combine(root, "tagmanifest-sha512.txt"), sha512.ToString(), Utf8);
    }

    private static void WriteJson(string path, JsonNode node) =>
        File.WriteAllText(path, node.ToJsonString(new JsonSerializerOptions
        {
            WriteIndented = true,
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        }) + "\n", Utf8);
}
